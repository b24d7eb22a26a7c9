"""Import a budget version's lines, or monthly realisation, from CSV or XLSX: all or nothing.

The format (documented with sample files in ``smartcity/budget/samples/`` and the README):

Budget lines (one row per account of an agency, sub-activity and place)::

    opd, sub_kegiatan, rekening, kecamatan, kelurahan, ssh, volume, uraian,
    usulan, disetujui, perubahan, usulan_musrenbang

Monthly realisation (one row per line and month)::

    opd, sub_kegiatan, rekening, kecamatan, kelurahan, bulan, realisasi

``opd`` is the agency's short name, the codes are Permendagri 90/2019 codes and Kemendagri region
codes, amounts are whole rupiah (``1500000`` or ``1.500.000``). A last row whose ``opd`` is
``JUMLAH`` may declare the file's totals, which must equal the sum of the rows.

Checking reads everything first and reports every problem by row and column; only a file
without problems is written, in one transaction. Importing lines replaces the version's lines.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from smartcity.core.models import Agency, Kecamatan, Kelurahan

from .models import Account, BudgetLine, BudgetVersion, Realisation, StandardPrice, SubActivity

LINE_COLUMNS = [
    "opd",
    "sub_kegiatan",
    "rekening",
    "kecamatan",
    "kelurahan",
    "ssh",
    "volume",
    "uraian",
    "usulan",
    "disetujui",
    "perubahan",
    "usulan_musrenbang",
]
LINE_REQUIRED = ["opd", "rekening", "usulan", "disetujui"]
LINE_AMOUNTS = ["usulan", "disetujui", "perubahan"]
REALISATION_COLUMNS = ["opd", "sub_kegiatan", "rekening", "kecamatan", "kelurahan", "bulan", "realisasi"]
REALISATION_REQUIRED = ["opd", "rekening", "bulan", "realisasi"]
TOTAL_MARKER = "JUMLAH"
PROGRESS_EVERY = 500
GROUPED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


class ImportFormatError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, no header, missing columns)."""


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        return _("row %(row)s, column “%(column)s”: %(message)s") % self.as_dict()


@dataclass
class Report:
    """What an import found and did."""

    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message))


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the ``(row number, {column: text})`` rows of a CSV or XLSX file.

    The header is row 1; row numbers are the spreadsheet's, so a report points at the right row.
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFormatError(_("This is not a readable XLSX file.")) from error
        raw_rows = [
            ["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFormatError(_("The CSV file must be encoded in UTF-8.")) from error
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        raw_rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ImportFormatError(_("Upload a .csv or .xlsx file."))
    if not raw_rows:
        raise ImportFormatError(_("The file is empty."))
    header = [h.strip().lower() for h in raw_rows[0]]
    rows = []
    for number, values in enumerate(raw_rows[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        rows.append(
            (
                number,
                {h: (str(values[i]).strip() if i < len(values) else "") for i, h in enumerate(header) if h},
            )
        )
    return header, rows


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_amount(text: str) -> Decimal | None:
    """Whole rupiah from ``1500000`` or ``1.500.000``; None when it is not one."""
    text = text.replace(" ", "")
    if GROUPED_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not text.isdigit():
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        if value != value.to_integral_value() or value < 0:
            return None
        return value.quantize(Decimal(1))
    return Decimal(text)


class _Lookups:
    """Every code the file may cite, read in a few queries (never one per row)."""

    def __init__(self, version: BudgetVersion):
        self.agencies = {a.short_name.lower(): a.pk for a in Agency.objects.only("pk", "short_name")}
        self.sub_activities = dict(SubActivity.objects.values_list("code", "pk"))
        self.accounts = {
            a["code"]: a for a in Account.objects.values("pk", "code", "category", "expenditure_type")
        }
        self.kecamatan = dict(Kecamatan.objects.values_list("code", "pk"))
        self.kelurahan = {k["code"]: k for k in Kelurahan.objects.values("pk", "code", "kecamatan_id")}
        self.prices = dict(
            StandardPrice.objects.filter(fiscal_year_id=version.fiscal_year_id).values_list("code", "pk")
        )


def _check_header(header: list[str], required: list[str], known: list[str]) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFormatError(
            _("Missing columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(known)}
        )


def _line_identity(row_number, values, lookups, report) -> dict | None:
    """Agency, sub-activity, account and place of a row; problems are added to ``report``."""
    ok = True
    agency_id = lookups.agencies.get(values.get("opd", "").lower())
    if agency_id is None:
        report.add(row_number, "opd", _("unknown agency “%(value)s”") % {"value": values.get("opd", "")})
        ok = False
    account = lookups.accounts.get(values.get("rekening", ""))
    if account is None:
        report.add(
            row_number,
            "rekening",
            _("unknown account code “%(value)s”") % {"value": values.get("rekening", "")},
        )
        ok = False
    sub_code = values.get("sub_kegiatan", "")
    sub_id = None
    if sub_code:
        sub_id = lookups.sub_activities.get(sub_code)
        if sub_id is None:
            report.add(
                row_number, "sub_kegiatan", _("unknown sub-activity code “%(value)s”") % {"value": sub_code}
            )
            ok = False
    if account is not None:
        if account["category"] == Account.Category.EXPENDITURE and not sub_code:
            report.add(row_number, "sub_kegiatan", _("an expenditure line needs its sub-activity"))
            ok = False
        elif account["category"] != Account.Category.EXPENDITURE and sub_code:
            report.add(row_number, "sub_kegiatan", _("revenue and financing lines have no sub-activity"))
            ok = False
    kecamatan_id = kelurahan_id = None
    if values.get("kecamatan"):
        kecamatan_id = lookups.kecamatan.get(values["kecamatan"])
        if kecamatan_id is None:
            report.add(
                row_number,
                "kecamatan",
                _("unknown kecamatan code “%(value)s”") % {"value": values["kecamatan"]},
            )
            ok = False
    if values.get("kelurahan"):
        kelurahan = lookups.kelurahan.get(values["kelurahan"])
        if kelurahan is None:
            report.add(
                row_number,
                "kelurahan",
                _("unknown kelurahan code “%(value)s”") % {"value": values["kelurahan"]},
            )
            ok = False
        elif kecamatan_id and kelurahan["kecamatan_id"] != kecamatan_id:
            report.add(row_number, "kelurahan", _("this kelurahan is not in the kecamatan given"))
            ok = False
        else:
            kelurahan_id = kelurahan["pk"]
            kecamatan_id = kelurahan["kecamatan_id"]
    if not ok:
        return None
    return {
        "agency_id": agency_id,
        "sub_activity_id": sub_id,
        "account_id": account["pk"],
        "category": account["category"],
        "expenditure_type": account["expenditure_type"],
        "kecamatan_id": kecamatan_id,
        "kelurahan_id": kelurahan_id,
    }


def _amount(row_number, values, column, report, required=True) -> Decimal | None:
    text = values.get(column, "")
    if not text:
        if required:
            report.add(row_number, column, _("an amount is required (0 for none)"))
        return None
    value = parse_amount(text)
    if value is None:
        report.add(row_number, column, _("“%(value)s” is not an amount in whole rupiah") % {"value": text})
    return value


def _check_totals(total_row, sums: dict[str, Decimal], report: Report) -> None:
    number, values = total_row
    for column, computed in sums.items():
        if not values.get(column):
            continue
        declared = parse_amount(values[column])
        if declared is None:
            report.add(
                number, column, _("“%(value)s” is not an amount in whole rupiah") % {"value": values[column]}
            )
        elif declared != computed:
            report.add(
                number,
                column,
                _("the total declared (%(declared)s) is not the sum of the rows (%(computed)s)")
                % {"declared": declared, "computed": computed},
            )


def import_lines(
    version: BudgetVersion, filename: str, content: bytes, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Check a file of budget lines and, when it has no problem, make it the version's lines."""
    from smartcity.musrenbang.models import Proposal

    report = Report()
    if version.is_locked:
        report.add(0, "", _("The version is locked: nothing can be imported into it."))
        return report
    header, rows = read_table(filename, content)
    _check_header(header, LINE_REQUIRED, LINE_COLUMNS)
    lookups = _Lookups(version)
    total_row = None
    if rows and rows[-1][1].get("opd", "").upper() == TOTAL_MARKER:
        total_row = rows.pop()
    report.rows = len(rows)
    references = {ref for _n, v in rows for ref in v.get("usulan_musrenbang", "").split()}
    proposal_ids = dict(Proposal.objects.filter(reference__in=references).values_list("reference", "pk"))
    seen: dict[str, int] = {}
    lines: list[BudgetLine] = []
    links: list[tuple[int, list[int]]] = []
    sums = dict.fromkeys(LINE_AMOUNTS, Decimal(0))
    for index, (number, values) in enumerate(rows, start=1):
        identity = _line_identity(number, values, lookups, report)
        amounts = {
            "proposed": _amount(number, values, "usulan", report),
            "approved": _amount(number, values, "disetujui", report),
            "adjusted": _amount(number, values, "perubahan", report, required=False),
        }
        for column, key in zip(LINE_AMOUNTS, ("proposed", "approved", "adjusted"), strict=True):
            sums[column] += amounts[key] or 0
        price_id = None
        if values.get("ssh"):
            price_id = lookups.prices.get(values["ssh"])
            if price_id is None:
                report.add(
                    number, "ssh", _("unknown standard price code “%(value)s”") % {"value": values["ssh"]}
                )
        volume = None
        if values.get("volume"):
            try:
                volume = Decimal(values["volume"].replace(",", "."))
            except InvalidOperation:
                report.add(number, "volume", _("“%(value)s” is not a number") % {"value": values["volume"]})
        wanted = values.get("usulan_musrenbang", "").split()
        unknown = [ref for ref in wanted if ref not in proposal_ids]
        if unknown:
            report.add(
                number, "usulan_musrenbang", _("unknown proposal %(refs)s") % {"refs": ", ".join(unknown)}
            )
        if identity is not None:
            key = BudgetLine.make_key(
                identity["agency_id"],
                identity["sub_activity_id"],
                identity["account_id"],
                identity["kecamatan_id"],
                identity["kelurahan_id"],
            )
            if key in seen:
                report.add(
                    number, "rekening", _("duplicate line: the same as row %(row)s") % {"row": seen[key]}
                )
            seen[key] = number
            if report.ok:
                lines.append(
                    BudgetLine(
                        version=version,
                        key=key,
                        description=values.get("uraian", "")[:255],
                        standard_price_id=price_id,
                        volume=volume,
                        **identity,
                        **{k: v for k, v in amounts.items() if v is not None},
                    )
                )
                links.append((len(lines) - 1, [proposal_ids[r] for r in wanted]))
        if progress and (index % PROGRESS_EVERY == 0 or index == len(rows)):
            progress(index, len(rows))
    if total_row is not None:
        _check_totals(total_row, sums, report)
    if not report.ok:
        return report
    with transaction.atomic():
        BudgetVersion.objects.select_for_update().get(pk=version.pk)
        version.lines.all().delete()
        created = BudgetLine.objects.bulk_create(lines, batch_size=1000)
        through = BudgetLine.proposals.through
        through.objects.bulk_create(
            [
                through(budgetline_id=created[i].pk, proposal_id=pid)
                for i, proposal_list in links
                for pid in proposal_list
            ],
            batch_size=1000,
        )
    report.imported = len(lines)
    return report


def import_realisation(
    version: BudgetVersion, filename: str, content: bytes, progress: Callable[[int, int], None] | None = None
) -> Report:
    """Check a file of monthly realisation and, when it has no problem, record it.

    A month already recorded for a line is replaced; ``executed`` is recomputed by the database.
    """
    report = Report()
    header, rows = read_table(filename, content)
    _check_header(header, REALISATION_REQUIRED, REALISATION_COLUMNS)
    lookups = _Lookups(version)
    total_row = None
    if rows and rows[-1][1].get("opd", "").upper() == TOTAL_MARKER:
        total_row = rows.pop()
    report.rows = len(rows)
    line_ids = dict(version.lines.values_list("key", "pk"))
    seen: dict[tuple[int, int], int] = {}
    records: list[Realisation] = []
    total = Decimal(0)
    for index, (number, values) in enumerate(rows, start=1):
        identity = _line_identity(number, values, lookups, report)
        amount = _amount(number, values, "realisasi", report)
        total += amount or 0
        month = values.get("bulan", "")
        if not (month.isdigit() and 1 <= int(month) <= 12):
            report.add(number, "bulan", _("“%(value)s” is not a month (1–12)") % {"value": month})
            month = None
        line_id = None
        if identity is not None:
            key = BudgetLine.make_key(
                identity["agency_id"],
                identity["sub_activity_id"],
                identity["account_id"],
                identity["kecamatan_id"],
                identity["kelurahan_id"],
            )
            line_id = line_ids.get(key)
            if line_id is None:
                report.add(number, "rekening", _("no such line in this budget version"))
        if line_id and month:
            if (line_id, int(month)) in seen:
                report.add(
                    number,
                    "bulan",
                    _("duplicate line: the same as row %(row)s") % {"row": seen[(line_id, int(month))]},
                )
            seen[(line_id, int(month))] = number
            if amount is not None:
                records.append(Realisation(line_id=line_id, month=int(month), amount=amount))
        if progress and (index % PROGRESS_EVERY == 0 or index == len(rows)):
            progress(index, len(rows))
    if total_row is not None:
        _check_totals(total_row, {"realisasi": total}, report)
    if not report.ok:
        return report
    with transaction.atomic():
        BudgetVersion.objects.select_for_update().get(pk=version.pk)
        for month in {r.month for r in records}:
            Realisation.objects.filter(
                month=month, line_id__in=[r.line_id for r in records if r.month == month]
            ).delete()
        Realisation.objects.bulk_create(records, batch_size=1000)
        version.lines.refresh_executed()
    report.imported = len(records)
    return report
