"""Seed what bench/budget.sh measures: the budget page at /anggaran/ and the full generated
budget (about 20,000 lines a year, two years, monthly realisation). Prints the drill-down paths.

Run with ``manage.py shell < bench/budget_seed.py`` on an empty, migrated database.
"""

from home.models import HomePage
from smartcity.budget.demo import FULL, BudgetGenerator
from smartcity.budget.models import BudgetLine, BudgetPage

home = HomePage.objects.first()
if not BudgetPage.objects.exists():
    page = home.add_child(instance=BudgetPage(title="Anggaran Kota (APBD)", slug="anggaran"))
    page.save_revision().publish()
if not BudgetLine.objects.exists():
    generator = BudgetGenerator(FULL)
    print(generator.run())
line = (
    BudgetLine.objects.filter(category="expenditure", version__status="locked")
    .select_related("agency", "sub_activity__activity__program", "version__fiscal_year")
    .order_by("-version__fiscal_year__year", "pk")
    .first()
)
sub = line.sub_activity
codes = "/".join(c.replace(".", "-") for c in (sub.activity.program.code, sub.activity.code, sub.code))
year = line.version.fiscal_year.year
print("LINES", BudgetLine.objects.filter(version=line.version).count())
print("URL", "/anggaran/")
print("URL", f"/anggaran/{year}/opd/")
print("URL", f"/anggaran/{year}/opd/{line.agency.slug}/")
print("URL", f"/anggaran/{year}/opd/{line.agency.slug}/{codes}/")
print("URL", f"/anggaran/{year}/jenis/")
print("URL", f"/anggaran/{year}/kecamatan/")
print("URL", f"/anggaran/{year}/perbandingan/")
print("URL", f"/api/v1/budget/{year}/summary/")
print("URL", f"/api/v1/budget/{year}/lines/?type=capital")
