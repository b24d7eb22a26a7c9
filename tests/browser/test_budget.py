"""The city budget in Chromium: from the year at a glance, drill down to a sub-activity and
download its table; axe-core clean (moderate impact and above) at 390 px (a phone; every public
page at 1280 px is in test_public_pages) on every step, and no sideways scrolling."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import _ensure_home_page, _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def budget(transactional_db, live_server):
    from smartcity.budget.demo import SMALL, BudgetGenerator
    from smartcity.budget.models import BudgetPage

    home = _ensure_home_page()
    page = home.add_child(instance=BudgetPage(title="Anggaran Kota", slug="anggaran"))
    page.save_revision().publish()
    generator = BudgetGenerator(SMALL)
    generator.run()
    return live_server.url, generator.year


def check_page(page, width):
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390])  # on a phone; desktops: test_public_pages (axe at 1280)
def test_drill_from_the_summary_to_a_sub_activity_and_download(browser, budget, width):
    from smartcity.budget.models import BudgetLine

    url, year = budget
    # axe-core is injected as a script: the test browser bypasses the CSP, as in the other suites.
    context = _new_context(
        browser, viewport={"width": width, "height": 900}, accept_downloads=True, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{url}/anggaran/")
    assert page.locator("#glance-title").is_visible()
    assert page.locator("svg[role=img]").count() >= 3
    check_page(page, width)
    # Summary → the largest agency → its first programme → activity → sub-activity.
    page.locator("#agencies-caption").locator("xpath=..").locator("tbody a").first.click()
    for _level in range(3):
        check_page(page, width)
        page.locator("table.budget-table tbody th a").first.click()
    check_page(page, width)
    assert "/opd/" in page.url and page.url.count("/") >= 9
    segments = page.url.rstrip("/").split("/")
    sub_code = segments[-1].replace("-", ".")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    lines = BudgetLine.objects.filter(
        version__fiscal_year__year=year, sub_activity__code=sub_code, agency__slug=segments[-4]
    )
    assert rows and sum(Decimal(r["approved"]) for r in rows) == sum(line.approved for line in lines)
    context.close()
