"""CSV, XLSX and JSON downloads of proposals, results and the catalogue.

Every format carries the same values: money as whole rupiah (numbers in XLSX and JSON, digits in
CSV), so a download parses back to the numbers on the page. Text cells that a spreadsheet would
read as a formula (starting with ``=``, ``+``, ``-`` or ``@``) are escaped with a quote.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx", "json")


def safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def table_response(fmt: str, filename: str, columns: list[str], rows: list[dict]) -> HttpResponse:
    """``rows`` (dicts keyed by ``columns``) as a download in ``fmt``."""
    if fmt == "json":
        body = json.dumps(
            [{c: _plain(row.get(c)) for c in columns} for row in rows], ensure_ascii=False, indent=1
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(filename[:31])
        sheet.append(columns)
        for row in rows:
            sheet.append([safe_text(_plain(row.get(c))) for c in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else safe_text(_plain(row.get(c))) for c in columns])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
