"""The public list, map and statistics at /layanan/pengaduan/daftar/ and /statistik/."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartcity.complaints.models import Complaint, ComplaintCategory
from smartcity.complaints.statistics import compute_statistics
from smartcity.core.models import Kelurahan
from tests.complaints.factories import PublicComplaintFactory, make_complaint_page

LIST_URL = "/layanan/pengaduan/daftar/"
STATS_URL = "/layanan/pengaduan/statistik/"


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


def _references(html: str) -> set[str]:
    return set(re.findall(r"TST-\d{4}-\d{6}|ADU-\d{4}-\d{6}", html))


def test_lists_public_complaints_only(client, complaint_page):
    public = PublicComplaintFactory()
    private = PublicComplaintFactory(is_private=True)
    spam = PublicComplaintFactory(
        status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.SPAM
    )
    duplicate = PublicComplaintFactory(
        status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.DUPLICATE
    )
    html = client.get(LIST_URL).content.decode()
    assert _references(html) == {public.reference, duplicate.reference}
    assert private.title not in html and spam.title not in html


def test_filters(client, complaint_page):
    categories = list(ComplaintCategory.objects.order_by("pk")[:2])
    kelurahan_a = Kelurahan.objects.select_related("kecamatan").order_by("pk").first()
    kelurahan_b = (
        Kelurahan.objects.exclude(kecamatan=kelurahan_a.kecamatan).select_related("kecamatan").first()
    )
    now = timezone.now()
    old = PublicComplaintFactory(
        category=categories[0], kelurahan=kelurahan_a, created_at=now - datetime.timedelta(days=100)
    )
    resolved = PublicComplaintFactory(
        category=categories[1], kelurahan=kelurahan_b, status=Complaint.Status.RESOLVED, resolved_at=now
    )
    recent = PublicComplaintFactory(category=categories[0], kelurahan=kelurahan_b)

    def refs(**params):
        return _references(client.get(LIST_URL, params).content.decode())

    assert refs() == {old.reference, resolved.reference, recent.reference}
    assert refs(status="resolved") == {resolved.reference}
    assert refs(kategori=categories[0].slug) == {old.reference, recent.reference}
    assert refs(kecamatan=kelurahan_b.kecamatan.code) == {resolved.reference, recent.reference}
    assert refs(periode="30") == {resolved.reference, recent.reference}
    assert refs(periode="365") == {old.reference, resolved.reference, recent.reference}
    day = timezone.localtime(old.created_at).date()
    assert refs(dari=day.isoformat(), sampai=day.isoformat()) == {old.reference}
    assert refs(kategori=categories[0].slug, kecamatan=kelurahan_b.kecamatan.code) == {recent.reference}
    # A nonsense filter is ignored, not an error page.
    assert client.get(LIST_URL, {"status": "nope", "dari": "kemarin"}).status_code == 200


def test_pagination(client, complaint_page):
    PublicComplaintFactory.create_batch(25)
    first = _references(client.get(LIST_URL).content.decode())
    second = _references(client.get(LIST_URL, {"halaman": 2}).content.decode())
    assert len(first) == 20 and len(second) == 5
    assert not first & second
    assert client.get(LIST_URL, {"halaman": 99}).status_code == 200


def _located(n: int):
    for i in range(n):
        PublicComplaintFactory(
            latitude=Decimal("3.600000") + Decimal(i) / 10000, longitude=Decimal("98.485123")
        )


@pytest.mark.parametrize("params", [{}, {"tampilan": "peta"}], ids=["list", "map"])
def test_query_count_does_not_grow_with_the_number_of_complaints(client, complaint_page, params, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the view, not the anonymous page cache
    _located(5)
    client.get(LIST_URL, params)  # warm caches (site, page) once
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST_URL, params).status_code == 200
    _located(55)
    client.get(LIST_URL, params)  # saving complaints may have emptied the site-chrome cache
    with CaptureQueriesContext(connection) as large:
        assert client.get(LIST_URL, params).status_code == 200
    assert len(large) == len(small)


def test_map_view_has_markers_data_and_a_table(client, complaint_page, settings):
    settings.MAP_TILE_URL = ""
    located = PublicComplaintFactory(latitude=Decimal("3.612345"), longitude=Decimal("98.487654"))
    PublicComplaintFactory(latitude=Decimal("3.611111"), longitude=Decimal("98.481111"), is_private=True)
    PublicComplaintFactory()  # no point
    response = client.get(LIST_URL, {"tampilan": "peta"})
    html = response.content.decode()
    data = re.search(r'<script id="complaint-points" type="application/json">(.*?)</script>', html, re.S)
    points = json.loads(data.group(1))
    assert [p["reference"] for p in points] == [located.reference]
    assert points[0]["lat"] == 3.612 and points[0]["lng"] == 98.488  # rounded in public
    assert "3.612345" not in html
    assert "<table" in html and located.reference in html
    assert "vendor/leaflet/leaflet.js" in html and "complaints/map.js" in html
    assert 'data-tile-url=""' in html


@pytest.mark.usefixtures("english_complaint_page")
def test_statistics_on_a_known_dataset(client, complaint_page):
    categories = list(ComplaintCategory.objects.exclude(default_agency=None).order_by("pk"))
    first_agency_category = categories[0]
    other_category = next(
        c for c in categories if c.default_agency_id != first_agency_category.default_agency_id
    )
    t0 = timezone.now() - datetime.timedelta(days=60)
    hours = datetime.timedelta(hours=1)
    days = datetime.timedelta(days=1)

    def make(category=first_agency_category, **kwargs):
        return PublicComplaintFactory(
            category=category, created_at=t0, resolution_due=t0 + 14 * days, **kwargs
        )

    resolved = Complaint.Status.RESOLVED
    make(status=resolved, first_responded_at=t0 + 2 * hours, resolved_at=t0 + 10 * days)  # on time
    make(status=resolved, first_responded_at=t0 + 4 * hours, resolved_at=t0 + 20 * days)  # late
    make(status=Complaint.Status.IN_PROGRESS, first_responded_at=t0 + 6 * hours)
    make(category=other_category)  # received, not answered yet
    make(status=resolved, first_responded_at=t0 + 8 * hours, resolved_at=t0 + 2 * days, is_private=True)
    make(
        status=Complaint.Status.REJECTED,
        rejection_reason=Complaint.RejectionReason.SPAM,
        first_responded_at=t0 + 1 * hours,
    )

    stats = compute_statistics()
    assert stats.total == 5  # spam left out, the private one counted
    assert {value: count for value, _label, count in stats.by_status} == {
        "received": 1,
        "verified": 0,
        "assigned": 0,
        "in_progress": 1,
        "resolved": 3,
        "closed": 0,
        "rejected": 0,
    }
    by_agency = {row.name: (row.total, row.open, row.finished) for row in stats.by_agency}
    assert by_agency == {
        first_agency_category.default_agency.name: (4, 1, 3),
        other_category.default_agency.name: (1, 1, 0),
    }
    assert stats.median_first_response == 5 * hours
    assert stats.median_resolution == 10 * days
    assert (stats.resolved_within_deadline, stats.resolved_total) == (2, 3)

    html = client.get(f"/en{STATS_URL}").content.decode()
    assert "5 hours" in html
    assert "10 days" in html
    assert "66.7%" in html
    assert "2 of 3 resolved complaints" in html
    assert first_agency_category.default_agency.name in html


def test_statistics_without_data(client, complaint_page):
    response = client.get(STATS_URL)
    assert response.status_code == 200
    assert compute_statistics().within_deadline_share is None


@pytest.mark.parametrize(
    "params",
    [{"sampai": "9999-12-31"}, {"dari": "0001-01-01"}, {"dari": "0001-01-01", "sampai": "9999-12-31"}],
)
def test_out_of_range_dates_are_explained_not_a_server_error(
    english_complaint_page, client, complaint_page, params
):
    shown = PublicComplaintFactory()
    response = client.get("/en" + LIST_URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a date between" in html
    # The bad filter is ignored: the list is still shown.
    assert shown.reference in _references(html)
