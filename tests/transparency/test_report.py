"""The yearly report equals the underlying data, in the page, the exports and the API."""

import csv
import io
import json
import statistics

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from smartcity.transparency import services
from smartcity.transparency.models import InformationRequest, Objection
from tests.factories import AgencyFactory
from tests.transparency.factories import SUPERIORS, make_ppid_page, staff, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    """Two agencies, requests in every outcome, objections answered both ways."""
    a, b = AgencyFactory(name="Dinas A"), AgencyFactory(name="Dinas B")
    officer_a, officer_b = staff("ppid-a", a), staff("ppid-b", b)
    superior = staff("atasan-a", a, group=SUPERIORS)
    answers = [
        (a, officer_a, "granted", {}),
        (a, officer_a, "granted", {}),
        (a, officer_a, "partly_granted", {"withheld": "Nama (17h)."}),
        (a, officer_a, "refused", {"exemption_ground": "17h"}),
        (a, officer_a, "refused", {"exemption_ground": "17a"}),
        (b, officer_b, "refused", {"exemption_ground": "17h"}),
        (b, officer_b, "not_held", {}),
    ]
    requests = []
    for n, (agency, officer, decision, extra) in enumerate(answers):
        request = submit(agency, email=f"p{n}@example.com").request
        services.answer(request, officer, decision, "Jawaban.", **extra)
        requests.append(request)
    submit(b)  # still open
    forwarded = submit(a).request
    services.forward(forwarded, officer_a, b, "Dikuasai Dinas B.")
    services.file_objection(requests[3], "a", "Bukan data pribadi.")
    services.answer_objection(requests[3], superior, "upheld", "Wajib diberikan.")
    services.file_objection(requests[4], "a", "Tidak menghambat penegakan hukum.")
    services.answer_objection(requests[4], superior, "rejected", "Dipertahankan.")
    services.file_objection(requests[5], "a", "Keberatan.")
    # Answer times differ so that the average and the median are not trivially equal.
    for request, days in zip(requests, [1, 2, 3, 4, 8, 10, 13], strict=True):
        InformationRequest.objects.filter(pk=request.pk).update(answer_working_days=days)
    return {"a": a, "b": b}


def test_figures_equal_the_underlying_data(data):
    from smartcity.transparency.report import yearly_report

    year = timezone.localdate().year
    report = yearly_report(year)
    requests = InformationRequest.objects.all()
    assert report["received"] == requests.count() == 9
    for decision in ("granted", "partly_granted", "refused", "not_held"):
        assert report[decision] == requests.filter(decision=decision).count()
    assert (report["granted"], report["partly_granted"], report["refused"], report["not_held"]) == (
        2,
        1,
        3,
        1,
    )
    assert report["forwarded"] == 1 and report["open"] == 2
    days = [1, 2, 3, 4, 8, 10, 13]
    assert report["average_answer_working_days"] == round(sum(days) / len(days), 1)
    assert report["median_answer_working_days"] == statistics.median(days)
    assert {row["ground"]: row["count"] for row in report["refused_by_ground"]} == {"17a": 1, "17h": 2}
    assert report["objections"] == {"filed": 3, "upheld": 1, "rejected": 1, "pending": 1, "disputed": 0}
    assert report["objections"]["filed"] == Objection.objects.count()
    by_agency = {row["agency"]: row for row in report["agencies"]}
    assert by_agency["Dinas A"]["received"] == 5 and by_agency["Dinas A"]["answered"] == 5
    assert by_agency["Dinas A"]["average_answer_working_days"] == round((1 + 2 + 3 + 4 + 8) / 5, 1)
    assert by_agency["Dinas B"]["received"] == 4  # three of its own and the forwarded one
    assert by_agency["Dinas A"]["share_within_deadline"] == 100.0
    assert [row["agency"] for row in report["agencies"]] == ["Dinas A", "Dinas B"]  # by answer time
    assert yearly_report(year - 1)["received"] == 0


def test_page_exports_and_api_agree(client, home_page, data):
    page = make_ppid_page(home_page)
    year = timezone.localdate().year
    html = client.get(f"{page.url}laporan/{year}/").content.decode()
    assert 'data-figure="received">9<' in html and 'data-figure="refused">3<' in html
    assert client.get(f"{page.url}laporan/").status_code == 302
    api = client.get(f"/api/v1/ppid/report/{year}/").json()
    exported = json.loads(client.get(f"{page.url}laporan/{year}/json/").content)
    assert api == exported and api["received"] == 9
    rows = list(csv.reader(io.StringIO(client.get(f"{page.url}laporan/{year}/csv/").content.decode())))
    assert ["summary", "received", "9"] in rows and ["objections", "upheld", "1"] in rows
    sheet = load_workbook(io.BytesIO(client.get(f"{page.url}laporan/{year}/xlsx/").content)).active
    assert ["summary", "refused", 3] in [list(r)[:3] for r in sheet.iter_rows(values_only=True)]
    for text in ("p0@example.com", "Pemohon Uji", "1275014501900001"):
        assert text not in html and text not in json.dumps(api)
    assert client.get(f"{page.url}laporan/{year}/pdf/").status_code == 404


def test_report_endpoint_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/ppid/report/{year}/" in schema["paths"]
