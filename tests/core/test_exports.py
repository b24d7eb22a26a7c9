"""The shared table download (``smartcity.core.exports``): the same values in CSV, XLSX and JSON,
whole-rupiah Decimals as numbers, and text that a spreadsheet would run as a formula made inert
in CSV and XLSX."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from smartcity.core import exports

COLUMNS = ["reference", "title", "cost", "share", "count", "note"]
ROWS = [
    {
        "reference": "MUS-2026-000001",
        "title": "Perbaikan jalan gang Mawar",
        "cost": Decimal("28000000.00"),
        "share": Decimal("12.50"),
        "count": 120,
        "note": None,
    },
    {"reference": "MUS-2026-000002", "title": "Drainase, “RT 3”", "cost": Decimal("0"), "count": 0},
]
# What every format must give back, cell for cell (None: an empty cell; a missing key too).
EXPECTED = [
    ["MUS-2026-000001", "Perbaikan jalan gang Mawar", 28000000, 12.5, 120, None],
    ["MUS-2026-000002", "Drainase, “RT 3”", 0, None, 0, None],
]

FORMULAS = [
    '=HYPERLINK("http://contoh.test","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "  =cmd|' /C calc'!A0",
]
HARMLESS = ["+6281234567890", "-3.5912", "+62 812 3456 7890", "Jalan = lebar 3 m", "RT 003/RW 002", ""]


def parse(response, fmt):
    """A download parsed back: a list of rows of cells, headings first."""
    if fmt == "json":
        data = json.loads(response.content)
        return [list(data[0].keys()) if data else [], *[list(row.values()) for row in data]]
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode())))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_format_gives_back_the_same_values():
    for fmt in exports.FORMATS:
        rows = parse(exports.table_response(fmt, "usulan", COLUMNS, ROWS), fmt)
        assert rows[0] == COLUMNS, fmt
        if fmt == "csv":
            # CSV is text: numbers are written as plain digits, empty cells as "".
            expected = [["" if v is None else str(v) for v in row] for row in EXPECTED]
        else:
            expected = EXPECTED
        assert rows[1:] == expected, fmt


def test_whole_rupiah_are_integers_and_fractions_stay_exact():
    columns = ["amount"]
    values = [Decimal("1250000000.00"), Decimal("-5000000"), Decimal("0.25")]
    rows = [{"amount": v} for v in values]
    as_json = json.loads(exports.table_response("json", "x", columns, rows).content)
    assert [r["amount"] for r in as_json] == [1250000000, -5000000, 0.25]
    assert isinstance(as_json[0]["amount"], int)
    as_csv = parse(exports.table_response("csv", "x", columns, rows), "csv")
    assert [r[0] for r in as_csv[1:]] == ["1250000000", "-5000000", "0.25"]
    as_xlsx = parse(exports.table_response("xlsx", "x", columns, rows), "xlsx")
    assert [r[0] for r in as_xlsx[1:]] == [1250000000, -5000000, 0.25]
    assert sum(Decimal(r[0]) for r in as_csv[1:]) == sum(values)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_cells_are_escaped_in_spreadsheets(fmt):
    rows = [{"title": text} for text in FORMULAS + HARMLESS]
    cells = [row[0] for row in parse(exports.table_response(fmt, "usulan", ["title"], rows), fmt)[1:]]
    escaped, harmless = cells[: len(FORMULAS)], cells[len(FORMULAS) :]
    # XML reads a carriage return back as a line feed: the cell is still escaped.
    assert escaped == ["'" + (text if fmt == "csv" else text.replace("\r", "\n")) for text in FORMULAS]
    assert harmless == [text if text or fmt == "csv" else None for text in HARMLESS]


def test_xlsx_stores_no_formula():
    rows = [{"title": text} for text in FORMULAS]
    response = exports.table_response("xlsx", "usulan", ["title"], rows)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row)


def test_json_keeps_text_as_typed():
    rows = [{"title": text} for text in FORMULAS]
    as_json = json.loads(exports.table_response("json", "usulan", ["title"], rows).content)
    assert [r["title"] for r in as_json] == FORMULAS


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json; charset=utf-8"),
    ],
)
def test_download_headers(fmt, content_type):
    response = exports.table_response(fmt, "hasil-musrenbang-2026", COLUMNS, ROWS)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="hasil-musrenbang-2026.{fmt}"'


def test_rows_of_unequal_length_and_sheet_names():
    rows = [["section", "item", "value", "answered"], ["summary", "received", 9], ["ground", "=1+1", 2, 1]]
    assert list(csv.reader(io.StringIO(exports.csv_text(rows)))) == [
        ["section", "item", "value", "answered"],
        ["summary", "received", "9"],
        ["ground", "'=1+1", "2", "1"],
    ]
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(rows, "PPID 2026/2027: laporan tahunan lengkap")))
    sheet = book.worksheets[0]
    assert sheet.title == "PPID 2026-2027- laporan tahunan"
    assert [list(r) for r in sheet.iter_rows(values_only=True)][1:] == [
        ["summary", "received", 9, None],
        ["ground", "'=1+1", 2, 1],
    ]


def test_escape_formula_leaves_non_text_alone():
    for value in (None, 0, -5, Decimal("-1.5"), 2.5, True):
        assert exports.escape_formula(value) is value


def _registered_exports():
    """Every admin viewset (models and snippets) that offers a CSV/XLSX download: columns named
    by the viewset (``list_export``) or by its index view (``StaffExportMixin.export_columns``)."""
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.base import ViewSet

    def offers_export(viewset) -> bool:
        declared = getattr(viewset, "list_export", None)
        if declared and declared is not ViewSet.UNDEFINED:
            return True
        return bool(getattr(getattr(viewset, "index_view_class", None), "export_columns", None))

    get_resolver().url_patterns  # noqa: B018 (loading the admin URLs registers the viewsets)
    return [viewset for viewset in viewsets.viewsets if offers_export(viewset)]


def test_every_admin_export_makes_formulas_inert():
    """Whatever an admin listing exports (cases, catalogues, reference data), text that would run
    as a formula comes out escaped; plain values and signed numbers stay as they are."""
    registered = _registered_exports()
    names = {type(viewset).__name__ for viewset in registered}
    # The listings this guards, old and new: a catalogue, reference data, a case inbox.
    assert {"ActivityItemViewSet", "AgencyViewSet", "ComplaintViewSet"} <= names
    for viewset in registered:
        view = viewset.index_view_class()
        for fmt in ("csv", "xlsx"):
            assert view.preprocess_field_value(None, "=1+1", fmt) == "'=1+1", (type(viewset).__name__, fmt)
            assert view.preprocess_field_value(None, "+6281234567890", fmt) == "+6281234567890"


@pytest.mark.django_db
def test_reference_data_export_escapes_a_formula_in_an_agency_name(superuser_client):
    from tests.factories import AgencyFactory

    AgencyFactory(name='=HYPERLINK("http://contoh.test","klik")', short_name="DUF")
    response = superuser_client.get("/admin/snippets/core/agency/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://contoh.test","klik")' in names
    assert '=HYPERLINK("http://contoh.test","klik")' not in names
