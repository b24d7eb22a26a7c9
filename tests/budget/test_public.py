"""The public budget pages at /anggaran/: figures equal the sum of lines at every level, downloads
parse back to the same numbers, stable addresses, and a query count independent of the lines."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from smartcity.budget.demo import BudgetSize
from smartcity.budget.models import BudgetLine, FiscalYear
from smartcity.core.exports import FORMATS

from .conftest import YEAR, generate


def funded_proposal(title):
    from smartcity.musrenbang import services
    from smartcity.musrenbang.models import PlanningCycle
    from tests.factories import UserFactory
    from tests.musrenbang.factories import ItemFactory, make_cycle, proposal_data

    cycle = make_cycle()
    PlanningCycle.objects.filter(pk=cycle.pk).update(is_published=True)
    cycle.refresh_from_db()
    planner = UserFactory(username="bappeda-budget", groups=["Bappeda planners"])
    data = proposal_data(0, item=ItemFactory(), title=title)
    return services.submit_proposal(cycle=cycle, data=data, by_staff=planner).proposal


def dashed(code):
    return code.replace(".", "-")


def sub_activity_url(line):
    sub = line.sub_activity
    codes = "/".join(dashed(c) for c in (sub.activity.program.code, sub.activity.code, sub.code))
    return f"/anggaran/{YEAR}/opd/{line.agency.slug}/{codes}/"


def version_of(year):
    return FiscalYear.objects.get(year=year).published_version()


def in_force(line):
    return line.adjusted if line.adjusted is not None else line.approved


def parse(response, fmt):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "json":
        return json.loads(body)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode())))
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_summary_shows_the_year_at_a_glance(client, budget_page, small_budget):
    response = client.get("/anggaran/")
    assert response.status_code == 200
    summary = response.context["summary"]
    version = version_of(YEAR)
    revenue = sum(in_force(x) for x in version.lines.filter(category="revenue"))
    spending = sum(in_force(x) for x in version.lines.filter(category="expenditure"))
    assert summary["revenue"]["adjusted"] == revenue
    assert summary["expenditure"]["adjusted"] == spending
    assert summary["surplus"]["adjusted"] == revenue - spending
    executed = sum(x.executed for x in version.lines.filter(category="expenditure"))
    assert summary["expenditure"]["executed"] == executed > 0
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "cdn" not in html.lower()


def test_every_drill_level_adds_up_to_its_lines(client, budget_page, small_budget):
    version = version_of(YEAR)
    line = (
        version.lines.filter(category="expenditure")
        .select_related("agency", "sub_activity__activity__program")
        .first()
    )
    sub = line.sub_activity
    path = [
        line.agency.slug,
        *(c.replace(".", "-") for c in (sub.activity.program.code, sub.activity.code, sub.code)),
    ]
    filters = [
        {"agency": line.agency},
        {"agency": line.agency, "sub_activity__activity__program": sub.activity.program},
        {"agency": line.agency, "sub_activity__activity": sub.activity},
        {"agency": line.agency, "sub_activity": sub},
    ]
    for depth in range(0, 5):
        url = f"/anggaran/{YEAR}/opd/" + "".join(f"{p}/" for p in path[:depth])
        response = client.get(url)
        assert response.status_code == 200, url
        table = response.context["table"]
        lines = version.lines.filter(category="expenditure", **(filters[depth - 1] if depth else {}))
        assert table.total["approved"] == sum(x.approved for x in lines)
        assert sum(r["approved"] for r in table.rows) == table.total["approved"]
        assert sum(r["executed"] for r in table.rows) == sum(x.executed for x in lines)
        for fmt in FORMATS:
            rows = parse(client.get(url, {"unduh": fmt}), fmt)
            assert sum(Decimal(str(r["approved"])) for r in rows) == table.total["approved"], (url, fmt)
    assert response.context["table"].level == "account"


def test_unknown_codes_and_years_are_not_found(client, budget_page, small_budget):
    assert client.get(f"/anggaran/{YEAR}/opd/tidak-ada/").status_code == 404
    assert client.get(f"/anggaran/{YEAR}/opd/bappeda/9-99-99/").status_code == 404
    assert client.get("/anggaran/1999/").status_code == 404
    assert client.get(f"/anggaran/{YEAR}/opd/", {"unduh": "exe"}).status_code == 404


def test_filter_sort_and_search(client, budget_page, small_budget):
    version = version_of(YEAR)
    response = client.get(f"/anggaran/{YEAR}/opd/", {"jenis": "capital", "urut": "nama"})
    table = response.context["table"]
    assert table.total["approved"] == sum(
        x.approved for x in version.lines.filter(expenditure_type="capital")
    )
    names = [r["name"] for r in table.rows]
    assert names == sorted(names)
    agency = version.lines.filter(category="expenditure").select_related("agency").first().agency
    found = client.get(f"/anggaran/{YEAR}/opd/", {"q": agency.name[:12]}).context["table"].rows
    assert agency.slug in [r["key"] for r in found]
    assert all(
        agency.name[:12].lower() in r["name"].lower() or agency.name[:12].lower() in r["code"].lower()
        for r in found
    )


def test_by_type_and_by_kecamatan_add_up(client, budget_page, small_budget):
    version = version_of(YEAR)
    spending = sum(in_force(x) for x in version.lines.filter(category="expenditure"))
    for url in (f"/anggaran/{YEAR}/jenis/", f"/anggaran/{YEAR}/kecamatan/"):
        table = client.get(url).context["table"]
        assert sum(r["adjusted"] for r in table.rows) == table.total["adjusted"] == spending


def test_comparison_year_on_year_and_revision(client, budget_page, small_budget):
    response = client.get(f"/anggaran/{YEAR}/perbandingan/")
    data = response.context["comparison"]
    previous = version_of(YEAR - 1)
    assert data["total"]["previous"] == sum(
        in_force(x) for x in previous.lines.filter(category="expenditure")
    )
    rows = parse(client.get(f"/anggaran/{YEAR}/perbandingan/", {"unduh": "json"}), "json")
    assert sum(Decimal(str(r["previous"])) for r in rows) == data["total"]["previous"]


def test_sub_activity_lists_the_musrenbang_proposals_it_funds(client, budget_page, small_budget):
    line = (
        version_of(YEAR)
        .lines.filter(category="expenditure")
        .select_related("agency", "sub_activity__activity__program")
        .first()
    )
    proposal = funded_proposal("Perbaikan drainase gang")
    line.proposals.add(proposal)
    url = sub_activity_url(line)
    response = client.get(url)
    assert proposal in response.context["proposals"]
    assert "Perbaikan drainase gang" in response.content.decode()


@pytest.mark.parametrize("size", [BudgetSize(2, 1, 2, 2, 2, 1), BudgetSize(6, 3, 3, 3, 4, 3)])
def test_query_count_does_not_grow_with_lines(client, budget_page, django_assert_max_num_queries, size):
    generate(size)
    assert BudgetLine.objects.count() > 0
    line = (
        version_of(YEAR)
        .lines.filter(category="expenditure")
        .select_related("agency", "sub_activity__activity__program")
        .first()
    )
    urls = [
        "/anggaran/",
        f"/anggaran/{YEAR}/opd/",
        sub_activity_url(line),
        f"/anggaran/{YEAR}/jenis/",
        f"/anggaran/{YEAR}/kecamatan/",
        f"/anggaran/{YEAR}/perbandingan/",
    ]
    client.get("/anggaran/")  # warm the site's caches
    for url in urls:
        with django_assert_max_num_queries(21):
            assert client.get(url).status_code == 200


def test_data_package_is_valid_and_adds_up_to_the_site(client, budget_page, small_budget, tmp_path):
    from frictionless import Package, validate

    descriptor = client.get(f"/anggaran/{YEAR}/datapackage.json").json()
    for resource in descriptor["resources"]:
        response = client.get(f"/anggaran/{YEAR}/{resource['path']}")
        assert response.status_code == 200
        target = tmp_path / resource["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    lines = list(csv.DictReader(io.StringIO((tmp_path / "data/lines.csv").read_text())))
    summary = client.get(f"/anggaran/{YEAR}/").context["summary"]
    for category in ("revenue", "expenditure"):
        for phase in ("approved", "adjusted", "executed"):
            total = sum(Decimal(r[phase]) for r in lines if r["category"] == category)
            assert total == summary[category][phase]
    assert Package(str(tmp_path / "datapackage.json")).get_resource("realisation")


def test_proposal_page_shows_its_budget_lines_and_realisation(client, budget_page, small_budget, home_page):
    from smartcity.musrenbang.models import MusrenbangPage

    musrenbang = home_page.add_child(instance=MusrenbangPage(title="Musrenbang", slug="musrenbang"))
    musrenbang.save_revision().publish()
    proposal = funded_proposal("Rehabilitasi drainase Jl. Gatot Subroto")
    line = (
        version_of(YEAR)
        .lines.filter(category="expenditure", executed__gt=0)
        .select_related("sub_activity", "account")
        .first()
    )
    line.proposals.add(proposal)
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert "budget-lines-title" in html
    assert line.account.name in html
    assert f"{int(line.executed):,}".replace(",", ".") in html
    assert sub_activity_url(line) in html


def test_percentages_keep_the_sign_with_the_number():
    """ "69,3 %" never breaks before the "%" on a narrow screen (seen at 390 px on the summary)."""
    from smartcity.budget.templatetags.budget_tags import pct

    assert pct(Decimal("69.25")) == "69,3\u00a0%"
    assert pct(0) == "0,0\u00a0%"
    assert pct(None) == "–"
