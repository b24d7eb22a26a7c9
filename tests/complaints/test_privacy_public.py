"""Privacy on e-masyarakat's public pages: no NIK, phone, e-mail, hidden name or address, ever."""

import re
from decimal import Decimal

import pytest

from smartcity.complaints.models import Complaint
from tests.complaints.factories import (
    TEST_TOKEN,
    PublicComplaintFactory,
    make_complaint_page,
)

BASE = "/layanan/pengaduan/"
PUBLIC_URLS = [
    (f"{BASE}daftar/", {}),
    (f"{BASE}daftar/", {"tampilan": "peta"}),
    (f"{BASE}daftar/", {"status": "received"}),
    (f"{BASE}statistik/", {}),
    (BASE, {}),
    (f"{BASE}lacak/", {}),
]


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


@pytest.fixture
def dataset(complaint_page):
    point = {"latitude": Decimal("3.601234"), "longitude": Decimal("98.481234")}
    shown = PublicComplaintFactory(
        reporter_name="Budi Santosowijoyo",
        reporter_email="budi.rahasia@example.com",
        reporter_phone="+6281299998888",
        reporter_nik="3171011708450001",
        address="Jl. Melati Rahasia No. 7",
        **point,
    )
    hidden = PublicComplaintFactory(
        reporter_name="Zulkarnain Tersembunyi",
        reporter_email="zul@example.com",
        reporter_phone="+6281377776666",
        reporter_nik="1275014101900001",
        address="Gang Mawar Tersembunyi 3",
        hide_name=True,
        **point,
    )
    private = PublicComplaintFactory(
        title="Judul pengaduan privat",
        reporter_name="Rina Privatina",
        is_private=True,
        **point,
    )
    return shown, hidden, private


def _personal_strings(complaint: Complaint) -> list[str]:
    values = [
        complaint.reporter_email,
        complaint.reporter_phone,
        complaint.reporter_phone.replace("+62", "0"),
        complaint.reporter_nik,
        complaint.address,
    ]
    return [value for value in values if value]


@pytest.mark.parametrize(("url", "params"), PUBLIC_URLS)
def test_no_personal_data_on_public_pages(client, dataset, url, params):
    shown, hidden, private = dataset
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.content.decode()
    for complaint in dataset:
        for value in _personal_strings(complaint):
            assert value not in html
    assert "Santosowijoyo" not in html  # only the first name of a visible reporter
    assert "Zulkarnain" not in html and "Tersembunyi" not in html  # hidden name
    assert private.title not in html and "Privatina" not in html and private.reference not in html


@pytest.mark.usefixtures("english_complaint_page")
def test_list_names_follow_the_reporters_choice(client, dataset):
    shown, hidden, _private = dataset
    html = client.get(f"/en{BASE}daftar/").content.decode()
    assert re.search(r"<td[^>]*>Budi</td>", html)
    assert re.search(r"<td[^>]*>Anonymous</td>", html)
    assert shown.reference in html and hidden.reference in html


def test_citizen_text_is_inert_on_the_list_and_map(client, complaint_page):
    PublicComplaintFactory(
        title='<script>alert("x")</script>', latitude=Decimal("3.6"), longitude=Decimal("98.48")
    )
    for params in ({}, {"tampilan": "peta"}):
        html = client.get(f"{BASE}daftar/", params).content.decode()
        assert '<script>alert("x")</script>' not in html
        assert "alert" in html  # shown, escaped (HTML entities or JSON \u003C escapes)


def test_tracking_page_of_someone_else_is_closed(client, dataset):
    shown, *_ = dataset
    response = client.get(f"{BASE}lacak/{shown.reference}/")
    assert response.status_code == 302
    assert shown.title not in client.get(response["Location"]).content.decode()


def test_tracking_page_shows_no_contact_data_either(client, dataset):
    """Even the reporter's own page does not echo contact details or NIK (links can be shared)."""
    shown, *_ = dataset
    client.post(f"{BASE}lacak/", {"nomor": shown.reference, "token": TEST_TOKEN})
    html = client.get(f"{BASE}lacak/{shown.reference}/").content.decode()
    assert shown.title in html
    for value in (shown.reporter_email, shown.reporter_phone, shown.reporter_nik):
        assert value not in html


@pytest.mark.parametrize("url", [f"{BASE}daftar/", f"{BASE}statistik/"])
def test_public_lists_are_never_served_stale_from_the_page_cache(client, settings, dataset, url):
    """Making a complaint private must take it off the public list at once, cache or not."""
    settings.PAGE_CACHE_SECONDS = 300
    shown, _hidden, _private = dataset
    first = client.get(url)
    assert first.status_code == 200 and first.get("X-Cache") is None
    Complaint.objects.filter(pk=shown.pk).update(is_private=True, title="Sekarang privat")
    second = client.get(url)
    assert second.get("X-Cache") != "hit"
    if url.endswith("daftar/"):
        assert shown.reference not in second.content.decode()


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/", {}),
        ("/sitemap.xml", {}),
        ("/cari/", {"q": "Santosowijoyo"}),
        ("/cari/", {"q": "Zulkarnain"}),
        ("/cari/", {"q": "Privatina"}),
        ("/cari/", {"q": "pengaduan privat"}),
        ("/berita/rss/", {}),
        ("/berita/atom/", {}),
        ("/open311/v2/requests.json", {}),
        ("/open311/v2/requests.xml", {}),
    ],
)
def test_no_personal_data_in_site_search_feeds_sitemap_or_api(client, dataset, news_index, url, params):
    """Complaints live outside the page tree: nothing of them leaks through the portal's own
    search, feeds or sitemap, and the API shows only what the public list shows."""
    shown, hidden, private = dataset
    response = client.get(url, params)
    assert response.status_code == 200, url
    body = response.content.decode()
    for complaint in dataset:
        for value in _personal_strings(complaint):
            assert value not in body
    if url == "/cari/":
        # The page repeats the visitor's own query; what matters is what the results show.
        body = body.replace(params["q"], "")
    for secret in (
        "Santosowijoyo",
        "Zulkarnain",
        "Tersembunyi",
        "Privatina",
        private.title,
        private.reference,
    ):
        assert secret not in body
