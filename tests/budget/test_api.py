"""The public API: years, summary and lines (filters, pagination), in the OpenAPI schema."""

from decimal import Decimal

from smartcity.budget.models import BudgetLine, FiscalYear

from .conftest import YEAR


def test_years_and_summary(client, small_budget):
    years = client.get("/api/v1/budget/years/").json()
    assert [y["year"] for y in years] == [YEAR, YEAR - 1]
    assert years[1]["kind"] == "revised"
    summary = client.get(f"/api/v1/budget/{YEAR}/summary/").json()
    version = FiscalYear.objects.get(year=YEAR).published_version()
    spending = version.lines.filter(category="expenditure").totals()
    expenditure = next(row for row in summary["categories"] if row["key"] == "expenditure")
    assert Decimal(expenditure["approved"]) == spending["approved"]
    assert Decimal(expenditure["executed"]) == spending["executed"]
    assert sum(Decimal(r["adjusted"]) for r in summary["expenditure_types"]) == spending["adjusted"]
    assert client.get("/api/v1/budget/1990/summary/").status_code == 404


def test_lines_filtered_and_paginated(client, small_budget, django_assert_max_num_queries):
    version = FiscalYear.objects.get(year=YEAR).published_version()
    line = (
        version.lines.filter(category="expenditure")
        .select_related("agency", "sub_activity__activity__program")
        .first()
    )
    program = line.sub_activity.activity.program.code
    with django_assert_max_num_queries(4):
        data = client.get(
            f"/api/v1/budget/{YEAR}/lines/",
            {"agency": line.agency.short_name, "program": program, "page_size": 5},
        ).json()
    expected = BudgetLine.objects.filter(
        version=version, agency=line.agency, sub_activity__activity__program__code=program
    )
    assert data["count"] == expected.count()
    assert len(data["results"]) == min(5, expected.count())
    assert {r["program"] for r in data["results"]} == {program}
    capital = client.get(f"/api/v1/budget/{YEAR}/lines/", {"type": "capital"}).json()
    assert capital["count"] == version.lines.filter(expenditure_type="capital").count()
    located = version.lines.filter(kecamatan__isnull=False).select_related("kecamatan").first()
    by_place = client.get(f"/api/v1/budget/{YEAR}/lines/", {"kecamatan": located.kecamatan.code}).json()
    assert by_place["count"] == version.lines.filter(kecamatan=located.kecamatan).count()


def test_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert {"/api/v1/budget/years/", "/api/v1/budget/{year}/summary/", "/api/v1/budget/{year}/lines/"} <= set(
        schema["paths"]
    )
