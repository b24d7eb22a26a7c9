"""Import of budget lines and monthly realisation: all or nothing, with a report naming every bad
row and column; the sample files in the repository import cleanly."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smartcity.budget import importer
from smartcity.budget.models import BudgetLine, BudgetVersion, FiscalYear, Realisation

from .conftest import YEAR

SAMPLES = Path(__file__).resolve().parents[2] / "smartcity" / "budget" / "samples"
HEADER = ",".join(importer.LINE_COLUMNS) + "\n"
GOOD = "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,,,ATK,1000,900,,\n"


@pytest.fixture
def draft(small_budget):
    return BudgetVersion.objects.create(
        fiscal_year=FiscalYear.objects.get(year=YEAR), kind="draft", name="RKA uji"
    )


def problems(report):
    return {(p.row, p.column) for p in report.problems}


@pytest.mark.parametrize("name", ["apbd-contoh.csv", "apbd-contoh.xlsx"])
def test_sample_files_import(draft, name):
    report = importer.import_lines(draft, name, (SAMPLES / name).read_bytes())
    assert report.ok, report.problems
    assert draft.lines.count() == report.imported == 6
    assert draft.lines.totals()["approved"] == Decimal("436526400000")
    line = draft.lines.get(account__code="5.2.04.01.01.0003")
    assert line.kelurahan.code == "12.75.01.1001" and line.kecamatan.code == "12.75.01"
    assert line.standard_price.code == "1.3.3.01.01.0001"
    name = name.replace("apbd", "realisasi")
    report = importer.import_realisation(draft, name, (SAMPLES / name).read_bytes())
    assert report.ok, report.problems
    assert Realisation.objects.filter(line__version=draft).count() == 4
    assert draft.lines.totals()["executed"] == Decimal("253400000")
    line.refresh_from_db()
    assert line.executed == Decimal("150000000")


def test_report_names_every_bad_row_and_column_and_writes_nothing(draft):
    existing = BudgetLine.objects.create(
        version=draft,
        agency=BudgetLine.objects.first().agency,
        account=BudgetLine.objects.filter(category="revenue").first().account,
        approved=5,
    )
    content = (
        HEADER
        + GOOD  # row 2: fine
        + "Tidak Ada,1.01.01.2.01.0001,5.1.02.01.01.0024,,,,,x,10,10,,\n"  # 3: unknown agency
        + "Kec. Selatan,9.99.99.9.99.9999,5.1.02.01.01.0024,,,,,x,10,10,,\n"  # 4: unknown sub-activity
        + "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,,,dup,10,10,,\n"  # 5: duplicate of row 2
        + "Kec. Selatan,1.01.01.2.01.0002,5.1.02.01.01.0024,,,,,x,12.5,abc,,\n"  # 6: two bad amounts
        + "Kec. Selatan,1.01.01.2.01.0002,9.9.9,,,,,x,10,10,,\n"  # 7: unknown account
        + "Kec. Selatan,,5.1.02.01.01.0024,,,,,x,10,10,,\n"  # 8: expenditure without sub-activity
        + "Kec. Selatan,1.01.01.2.01.0002,5.2.04.01.01.0003,12.75.02,12.75.01.1001,,,x,10,10,,\n"  # 9
        + "JUMLAH,,,,,,,,999,,,\n"  # 10: totals do not add up
    )
    report = importer.import_lines(draft, "rka.csv", content.encode())
    assert problems(report) == {
        (3, "opd"),
        (4, "sub_kegiatan"),
        (5, "rekening"),
        (6, "usulan"),
        (6, "disetujui"),
        (7, "rekening"),
        (8, "sub_kegiatan"),
        (9, "kelurahan"),
        (10, "usulan"),
    }
    duplicate = next(p for p in report.problems if p.row == 5)
    assert duplicate.message == "baris ganda: sama dengan baris 2"  # the default language, Indonesian
    assert list(draft.lines.all()) == [existing]  # nothing written, nothing replaced


def test_realisation_errors_roll_back(draft):
    importer.import_lines(draft, "a.csv", (HEADER + GOOD).encode())
    content = (
        "opd,sub_kegiatan,rekening,kecamatan,kelurahan,bulan,realisasi\n"
        "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,1,100\n"
        "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,13,100\n"  # bad month
        "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,1,100\n"  # duplicate month
        "Kec. Selatan,1.01.01.2.01.0002,5.1.02.01.01.0024,,,2,100\n"  # no such line
        "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,3,-5\n"  # bad amount
    )
    report = importer.import_realisation(draft, "r.csv", content.encode())
    assert problems(report) == {(3, "bulan"), (4, "bulan"), (5, "rekening"), (6, "realisasi")}
    assert not Realisation.objects.filter(line__version=draft).exists()
    assert draft.lines.get().executed == 0


def test_unreadable_files_are_refused(draft):
    with pytest.raises(importer.ImportFormatError):
        importer.import_lines(draft, "rka.pdf", b"%PDF")
    with pytest.raises(importer.ImportFormatError):
        importer.import_lines(draft, "rka.csv", b"opd,rekening\nx,y\n")
    with pytest.raises(importer.ImportFormatError):
        importer.import_lines(draft, "rka.xlsx", b"not a zip")


def test_locked_version_refuses_imports(small_budget):
    locked = FiscalYear.objects.get(year=YEAR).published_version()
    before = locked.lines.count()
    report = importer.import_lines(locked, "a.csv", (HEADER + GOOD).encode())
    assert not report.ok and locked.lines.count() == before


def test_management_command(draft, capsys):
    call_command("import_budget", "lines", str(YEAR), "draft", str(SAMPLES / "apbd-contoh.csv"))
    assert draft.lines.count() == 6
    bad = SAMPLES.parent / "samples" / "realisasi-contoh.csv"
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_budget", "realisation", str(YEAR - 1), "APBD-P", str(bad))
    assert "baris 2" in capsys.readouterr().err
