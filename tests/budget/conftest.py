import pytest

from smartcity.budget.demo import SMALL, BudgetGenerator, BudgetSize
from smartcity.budget.models import BudgetPage

YEAR = 2026


@pytest.fixture
def budget_page(home_page):
    page = BudgetPage(title="Anggaran Kota", slug="anggaran")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def small_budget(db):
    """Two years (2025 revised, 2026 original) of a small generated budget."""
    BudgetGenerator(SMALL, year=YEAR).run()
    return YEAR


def generate(size: BudgetSize, seed: int = 1):
    BudgetGenerator(size, year=YEAR, seed=seed).run()
