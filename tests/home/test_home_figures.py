"""The home page's tiles carry real icons and every figure on it is counted from the data."""

import pytest
from bs4 import BeautifulSoup

from home.figures import Metric
from home.models import KeyFigure, ServiceTile
from tests.factories import NewsPageFactory, ServiceIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def figures(client) -> dict[str, str]:
    page = soup(client.get("/"))
    return {
        f.dt.get_text(strip=True): f.select_one(".figure__value").get_text(strip=True)
        for f in page.select(".figure")
    }


def test_every_tile_shows_the_svg_icon_chosen_for_it(client, home_page):
    for order, (icon, _label) in enumerate(ServiceTile.ICONS):
        ServiceTile.objects.create(
            page=home_page, sort_order=order, title=f"Layanan {icon}", description="-", icon=icon
        )
    tiles = soup(client.get("/")).select(".tile-grid .tile")
    sources = [tile.select_one("img.tile__icon")["src"] for tile in tiles]
    assert len(set(sources)) == len(ServiceTile.ICONS)  # one distinct picture per choice
    for tile, (icon, _label) in zip(tiles, ServiceTile.ICONS, strict=True):
        image = tile.select_one("img.tile__icon")
        assert image["src"].endswith(f"/home/icons/{icon}.svg")
        assert image["alt"] == ""  # decorative: the tile's title says what it is
        served = client.get(image["src"])
        assert served.status_code == 200
        svg = b"".join(served.streaming_content) if served.streaming else served.content
        assert served["Content-Type"].startswith("image/svg+xml") and b"<svg" in svg


def test_online_services_figure_counts_live_public_service_pages(client, home_page):
    services = ServiceIndexPageFactory(parent=home_page)
    StandardPageFactory(parent=services, title="Pengaduan", slug="pengaduan")
    StandardPageFactory(parent=services, title="Janji temu", slug="janji-temu")
    draft = StandardPageFactory(parent=services, title="Perizinan", slug="perizinan")
    draft.unpublish()
    KeyFigure.objects.create(page=home_page, metric=Metric.ONLINE_SERVICES, label="Layanan online")
    assert figures(client) == {"Layanan online": "2"}


def test_online_services_figure_counts_service_pages_outside_the_services_index(client, home_page):
    """e-musrenbang, e-budgeting and PPID live at the top of the site, not below /layanan/."""
    from django.core.cache import cache

    from tests.transparency.factories import TransparencyPageFactory

    services = ServiceIndexPageFactory(parent=home_page)
    StandardPageFactory(parent=services, title="Pengaduan", slug="pengaduan")
    ppid = TransparencyPageFactory(parent=home_page)
    KeyFigure.objects.create(page=home_page, metric=Metric.ONLINE_SERVICES, label="Layanan online")
    assert figures(client) == {"Layanan online": "2"}
    ppid.unpublish()
    cache.clear()  # figures are kept for a few minutes
    assert figures(client) == {"Layanan online": "1"}


def test_complaint_and_region_figures_come_from_the_records(client, home_page):
    from smartcity.complaints.models import Complaint
    from smartcity.core.models import Kecamatan, Kelurahan
    from tests.complaints.factories import ComplaintFactory

    ComplaintFactory(status=Complaint.Status.RESOLVED)
    ComplaintFactory(status=Complaint.Status.CLOSED)
    ComplaintFactory(status=Complaint.Status.RECEIVED)
    for order, (metric, label) in enumerate(
        [
            (Metric.COMPLAINTS_RECEIVED, "Pengaduan diterima"),
            (Metric.COMPLAINTS_HANDLED, "Pengaduan selesai ditangani"),
            (Metric.KECAMATAN, "Kecamatan"),
            (Metric.KELURAHAN, "Kelurahan"),
        ]
    ):
        KeyFigure.objects.create(page=home_page, sort_order=order, metric=metric, label=label)
    shown = figures(client)
    # Counted like the public statistics: complaints the desk has checked (the new one is not yet).
    assert shown["Pengaduan diterima"] == str(Complaint.objects.verified().count()) == "2"
    assert shown["Pengaduan selesai ditangani"] == "2"
    assert shown["Kecamatan"] == str(Kecamatan.objects.count())
    assert shown["Kelurahan"] == str(Kelurahan.objects.count())


def test_news_figure_follows_publishing_and_numbers_use_the_language_grouping(client, home_page, news_index):
    KeyFigure.objects.create(page=home_page, metric=Metric.NEWS_ARTICLES, label="Berita")
    NewsPageFactory(parent=news_index)
    assert figures(client)["Berita"] == "1"
    KeyFigure.objects.create(
        page=home_page, sort_order=2, value="291.842", label="Penduduk", source="BPS 2024"
    )
    assert figures(client)["Penduduk"] == "291.842"  # an editor's value from an outside source


def test_a_figure_needs_a_metric_or_a_value():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        KeyFigure(label="Kosong").full_clean(exclude=["page"])
    KeyFigure(label="Kecamatan", metric=Metric.KECAMATAN).full_clean(exclude=["page"])
