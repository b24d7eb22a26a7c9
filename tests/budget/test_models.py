"""The data model: classification from codes, line identity, totals computed by the database."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Sum

from smartcity.budget.models import Account, BudgetLine, BudgetVersion, FiscalYear, Realisation


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("4.1.01.06.01.0001", ("revenue", "")),
        ("5.1.02.01.01.0024", ("expenditure", "operating")),
        ("5.2.04.01.01.0003", ("expenditure", "capital")),
        ("5.3.01.01.01.0001", ("expenditure", "unexpected")),
        ("5.4.02.01.01.0001", ("expenditure", "transfer")),
        ("6.1.01.01.01.0001", ("financing_receipt", "")),
        ("6.2.02.01.01.0001", ("financing_expenditure", "")),
        ("5.9.01", None),
        ("7.1", None),
    ],
)
def test_account_classified_from_its_code(code, expected):
    assert Account.classify(code) == expected


def test_a_line_is_unique_per_account_and_place(small_budget):
    line = BudgetLine.objects.filter(category="expenditure").select_related("account", "kelurahan").first()
    twin = BudgetLine(
        version=line.version,
        agency=line.agency,
        sub_activity=line.sub_activity,
        account=line.account,
        kecamatan=line.kecamatan,
        kelurahan=line.kelurahan,
        approved=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_expenditure_line_needs_a_sub_activity(small_budget):
    line = BudgetLine.objects.filter(category="expenditure").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(sub_activity=None)


def test_executed_is_the_sum_of_monthly_realisation(small_budget):
    version = BudgetVersion.objects.get(fiscal_year__year=small_budget - 1)
    line = version.lines.filter(realisations__isnull=False).distinct().first()
    expected = line.realisations.aggregate(total=Sum("amount"))["total"]
    assert line.executed == expected > 0
    Realisation.objects.filter(line=line, month=line.realisations.first().month).update(amount=Decimal(7))
    version.lines.refresh_executed()
    line.refresh_from_db()
    assert line.executed == line.realisations.aggregate(total=Sum("amount"))["total"]


def test_totals_are_exact_decimals(small_budget):
    version = FiscalYear.objects.get(year=small_budget).published_version()
    totals = version.lines.filter(category="expenditure").totals()
    assert all(isinstance(v, Decimal) for v in totals.values())
    approved = sum(line.approved for line in version.lines.filter(category="expenditure"))
    assert totals["approved"] == approved
    # Not revised: the amount in force is the approved one.
    assert totals["adjusted"] == approved


def test_published_version_prefers_the_revision(small_budget):
    year = FiscalYear.objects.get(year=small_budget)
    assert year.published_version().kind == BudgetVersion.Kind.ORIGINAL  # the draft revision is open
    assert (
        FiscalYear.objects.get(year=small_budget - 1).published_version().kind == BudgetVersion.Kind.REVISED
    )
