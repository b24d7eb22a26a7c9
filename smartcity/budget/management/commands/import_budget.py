"""Import a budget version's lines or its monthly realisation from a CSV or XLSX file.

    python manage.py import_budget lines 2026 APBD smartcity/budget/samples/apbd.csv
    python manage.py import_budget realisation 2026 APBD smartcity/budget/samples/realisasi.xlsx

The version is named by its year and kind (``draft``/``original``/``revised``, or ``APBD`` /
``APBD-P``); ``--create`` creates it (open) when missing. All or nothing: on any problem the
report lists every bad row and column and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartcity.budget import importer
from smartcity.budget.models import BudgetVersion, FiscalYear

KIND_ALIASES = {"apbd": "original", "apbd-p": "revised", "rka": "draft"}


class Command(BaseCommand):
    help = "Import budget lines or monthly realisation (CSV or XLSX) into a budget version, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["lines", "realisation"])
        parser.add_argument("year", type=int)
        parser.add_argument("kind", help="draft, original (APBD) or revised (APBD-P)")
        parser.add_argument("file", type=Path)
        parser.add_argument("--create", action="store_true", help="Create the year and version when missing.")

    def handle(self, *args, what, year, kind, file, create, **options):
        kind = KIND_ALIASES.get(kind.lower(), kind.lower())
        if kind not in BudgetVersion.Kind.values:
            raise CommandError(f"Unknown kind {kind!r}: draft, original or revised.")
        version = BudgetVersion.objects.filter(fiscal_year__year=year, kind=kind).order_by("-pk").first()
        if version is None:
            if not create:
                raise CommandError(f"No {kind} version for {year}; use --create to create it.")
            fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
            label = dict(BudgetVersion.Kind.choices)[kind]
            version = BudgetVersion.objects.create(fiscal_year=fiscal_year, kind=kind, name=f"{label} {year}")
        function = importer.import_lines if what == "lines" else importer.import_realisation
        try:
            report = function(version, file.name, file.read_bytes())
        except importer.ImportFormatError as error:
            raise CommandError(str(error)) from error
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(report.problems)} problem(s): nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{report.imported} row(s) imported into {version}."))
