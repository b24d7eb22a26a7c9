"""Tables as CSV, XLSX or JSON downloads, with the same values in every format, safe to open in
a spreadsheet.

* ``table_response(fmt, filename, columns, rows)``: rows (dicts keyed by ``columns``) as a
  download (``Content-Disposition: attachment``) in one of ``FORMATS``. Services keep their own
  columns; this module knows nothing of what they hold.
* Money is whole rupiah: a ``Decimal`` without a fraction becomes an integer (a number in XLSX
  and JSON, digits in CSV), another ``Decimal`` a float, so a download parses back to the
  numbers on the page.
* Citizens type text that staff and residents open in Excel or LibreOffice: a CSV or XLSX cell
  that a spreadsheet would run as a formula (OWASP "CSV injection") is made inert by
  ``escape_formula``. JSON is data, not a spreadsheet: it keeps text as typed.
* ``csv_text`` and ``xlsx_bytes`` write rows of cells (lists) with the same rules, for a table
  whose rows do not share columns (the PPID yearly report).
* ``FormulaSafeExportMixin``: the same escaping for a Wagtail admin listing's CSV/XLSX export
  (``list_export``), which writes CSV cells as they are.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
# A cell starting with one of these (also after spaces) is run as a formula by Excel/LibreOffice;
# tab and carriage return because some importers drop them and then read the "=" behind them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number (a phone number "+62812…", a negative amount or coordinate) runs nothing.
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d .,]*")
# An XLSX sheet name: at most 31 characters, none of these.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def escape_formula(value):
    """``value`` made inert for a spreadsheet: text that would start a formula gets a leading
    ``'`` (shown as text, never run); anything else is returned unchanged."""
    if not isinstance(value, str):
        return value
    starts_formula = value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START)
    if starts_formula and not PLAIN_NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value


def plain_value(value):
    """A ``Decimal`` as a JSON and spreadsheet number: whole rupiah as an int, else a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def spreadsheet_cell(value):
    """One cell of a CSV or XLSX download: a plain number, or text made inert."""
    return escape_formula(plain_value(value))


def csv_text(rows: Iterable[Sequence]) -> str:
    """Rows of cells (the first usually the headings) as CSV text; None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if value is None else spreadsheet_cell(value) for value in row])
    return buffer.getvalue()


def xlsx_bytes(rows: Iterable[Sequence], sheet_title: str = "Sheet1") -> bytes:
    """Rows of cells as an XLSX workbook of one sheet; None is an empty cell."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME_FORBIDDEN.sub("-", sheet_title)[:31] or "Sheet1")
    for row in rows:
        sheet.append([spreadsheet_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_text(columns: Sequence[str], rows: Iterable[dict]) -> str:
    """Rows as a JSON list of objects with ``columns`` as keys (text as typed, Decimals as
    numbers)."""
    return json.dumps(
        [{column: plain_value(row.get(column)) for column in columns} for row in rows],
        ensure_ascii=False,
        indent=1,
    )


def download_response(body: str | bytes, fmt: str, filename: str) -> HttpResponse:
    """``body`` as a download named ``<filename>.<fmt>`` (``filename`` is made by the server)."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def table_response(fmt: str, filename: str, columns: list[str], rows: Iterable[dict]) -> HttpResponse:
    """``rows`` (dicts keyed by ``columns``; a missing key is an empty cell) as a download in
    ``fmt`` (one of ``FORMATS``), with the column names as the first row or as the keys."""
    if fmt == "json":
        body = json_text(columns, rows)
    else:
        table = [columns, *([row.get(column) for column in columns] for row in rows)]
        body = xlsx_bytes(table, filename) if fmt == "xlsx" else csv_text(table)
    return download_response(body, fmt, filename)


class FormulaSafeExportMixin:
    """For a Wagtail admin ``IndexView`` with ``list_export``: every exported CSV and XLSX cell
    goes through ``escape_formula``. Wagtail writes CSV cells as they are (and in XLSX only
    keeps a formula from being stored as one), so a citizen's name or request could run in
    the spreadsheet of the officer who opens the export."""

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class FormulaSafeExportViewSetMixin:
    """For a ``ModelViewSet`` or ``SnippetViewSet`` with ``list_export``: its index view, whichever
    it is, exports through ``escape_formula``. Reference data and catalogues are typed by staff,
    but also pasted from other spreadsheets; a test checks that every viewset with an export has
    an index view that escapes."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        view = cls.index_view_class
        if not issubclass(view, FormulaSafeExportMixin):
            cls.index_view_class = type(
                view.__name__, (FormulaSafeExportMixin, view), {"__module__": cls.__module__}
            )
