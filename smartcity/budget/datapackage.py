"""A year's budget as a Fiscal Data Package (``/anggaran/<year>/datapackage.json``).

The descriptor follows the Fiscal Data Package model (measures and dimensions mapped onto the
columns of the CSV resources) on a Frictionless tabular data package, so that the ``frictionless``
validator checks it offline (the ``fiscal-data-package`` profile would fetch its schema from the
internet). Amounts are whole rupiah; ``adjusted`` is the amount in force, as on the site, so the
package's totals are the site's.
"""

from __future__ import annotations

import csv
import io

from django.db.models import F
from django.db.models.functions import Coalesce

from .models import BudgetLine, BudgetVersion, Realisation

LINE_FIELDS = [
    ("id", "integer", "line"),
    ("agency_code", "string", "agency (OPD) short name"),
    ("agency_name", "string", "agency (OPD)"),
    ("program_code", "string", "programme code (Permendagri 90/2019)"),
    ("program_name", "string", "programme"),
    ("activity_code", "string", "activity (kegiatan) code"),
    ("activity_name", "string", "activity (kegiatan)"),
    ("sub_activity_code", "string", "sub-activity (sub kegiatan) code"),
    ("sub_activity_name", "string", "sub-activity (sub kegiatan)"),
    ("account_code", "string", "account (rekening) code"),
    ("account_name", "string", "account (rekening)"),
    ("category", "string", "revenue, expenditure, financing_receipt or financing_expenditure"),
    ("expenditure_type", "string", "operating, capital, unexpected or transfer"),
    ("kecamatan_code", "string", "kecamatan region code"),
    ("kecamatan_name", "string", "kecamatan"),
    ("proposed", "integer", "proposed in the RKA (Rp)"),
    ("approved", "integer", "approved in the APBD (Rp)"),
    ("adjusted", "integer", "in force: APBD-P where revised, else APBD (Rp)"),
    ("executed", "integer", "realised to date (Rp)"),
]
LINE_SOURCES = {
    "line_id": F("pk"),
    "agency_code": F("agency__short_name"),
    "agency_name": F("agency__name"),
    "program_code": F("sub_activity__activity__program__code"),
    "program_name": F("sub_activity__activity__program__name"),
    "activity_code": F("sub_activity__activity__code"),
    "activity_name": F("sub_activity__activity__name"),
    "sub_activity_code": F("sub_activity__code"),
    "sub_activity_name": F("sub_activity__name"),
    "account_code": F("account__code"),
    "account_name": F("account__name"),
    "category_": F("category"),
    "expenditure_type_": F("expenditure_type"),
    "kecamatan_code": F("kecamatan__code"),
    "kecamatan_name": F("kecamatan__name"),
    "proposed_": F("proposed"),
    "approved_": F("approved"),
    "adjusted_": Coalesce("adjusted", "approved"),
    "executed_": F("executed"),
}
REALISATION_FIELDS = [
    ("line_id", "integer", "line (lines.id)"),
    ("month", "integer", "month (1–12)"),
    ("amount", "integer", "realised in the month (Rp)"),
]
RESOURCES = {"lines": LINE_FIELDS, "realisation": REALISATION_FIELDS}


def _schema(fields, **extra) -> dict:
    return {
        "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
        "missingValues": [""],
        **extra,
    }


def descriptor(version: BudgetVersion, base_url: str = "") -> dict:
    """The ``datapackage.json`` of a published version; resource paths are relative to it."""
    year = version.fiscal_year.year
    return {
        "profile": "tabular-data-package",
        "name": f"apbd-kota-binjai-{year}",
        "title": f"APBD Kota Binjai {year} ({version.name})",
        "homepage": base_url,
        "countryCode": "ID",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "resources": [
            {
                "name": "lines",
                "path": "data/lines.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(LINE_FIELDS, primaryKey=["id"]),
            },
            {
                "name": "realisation",
                "path": "data/realisation.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(
                    REALISATION_FIELDS,
                    primaryKey=["line_id", "month"],
                    foreignKeys=[
                        {"fields": ["line_id"], "reference": {"resource": "lines", "fields": ["id"]}}
                    ],
                ),
            },
        ],
        # The Fiscal Data Package model: what is measured and along which dimensions.
        "model": {
            "measures": {
                phase: {"source": phase, "currency": "IDR", "factor": 1}
                for phase in ("proposed", "approved", "adjusted", "executed")
            },
            "dimensions": {
                "administrative-classification": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "primaryKey": ["agency_code"],
                    "attributes": {
                        "agency_code": {"source": "agency_code"},
                        "agency_name": {"source": "agency_name", "labelfor": "agency_code"},
                    },
                },
                "functional-classification": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "primaryKey": ["sub_activity_code"],
                    "attributes": {
                        "program_code": {"source": "program_code"},
                        "activity_code": {"source": "activity_code", "parent": "program_code"},
                        "sub_activity_code": {"source": "sub_activity_code", "parent": "activity_code"},
                        "sub_activity_name": {"source": "sub_activity_name", "labelfor": "sub_activity_code"},
                    },
                },
                "economic-classification": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "primaryKey": ["account_code"],
                    "attributes": {
                        "account_code": {"source": "account_code"},
                        "account_name": {"source": "account_name", "labelfor": "account_code"},
                    },
                },
                "direction": {
                    "dimensionType": "fact",
                    "primaryKey": ["category"],
                    "attributes": {"category": {"source": "category"}},
                },
                "location": {
                    "dimensionType": "location",
                    "primaryKey": ["kecamatan_code"],
                    "attributes": {"kecamatan_code": {"source": "kecamatan_code"}},
                },
            },
        },
    }


def resource_csv(version: BudgetVersion, resource: str) -> str:
    """One resource of the package as CSV text (streamed from the database in chunks)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if resource == "lines":
        names = [n for n, _t, _d in LINE_FIELDS]
        writer.writerow(names)
        rows = BudgetLine.objects.filter(version=version).order_by("pk").values(**LINE_SOURCES)
        keys = list(LINE_SOURCES)
        for row in rows.iterator(chunk_size=2000):
            writer.writerow(["" if row[k] is None else row[k] for k in keys])
    else:
        writer.writerow([n for n, _t, _d in REALISATION_FIELDS])
        rows = (
            Realisation.objects.filter(line__version=version)
            .order_by("line_id", "month")
            .values_list("line_id", "month", "amount")
        )
        for line_id, month, amount in rows.iterator(chunk_size=5000):
            writer.writerow([line_id, month, int(amount)])
    return buffer.getvalue()
