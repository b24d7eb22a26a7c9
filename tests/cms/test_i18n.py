"""The interface language: Indonesian by default, English with the "bahasa" cookie."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def page(client, url="/", language=None):
    if language:
        client.cookies["bahasa"] = language
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_default_language_is_indonesian(client, home_page):
    html = page(client)
    assert html.html["lang"] == "id"
    switcher = html.select_one("nav.language-switcher")
    assert switcher.select_one("[aria-current]").get_text() == "Bahasa Indonesia"
    assert switcher.find("a", hreflang="en")["href"] == "/bahasa/en/?next=/"


def test_english_cookie_switches_the_interface(client, home_page):
    html = page(client, language="en")
    assert html.html["lang"] == "en"
    assert html.find("h2", id="news-title").get_text() == "Latest news"
    assert html.select_one(".header-search button").get_text() == "Search"
    assert html.select_one(".skip-link").get_text() == "Skip to main content"
    switcher = html.select_one("nav.language-switcher")
    assert switcher.select_one("[aria-current]").get_text() == "English"
    assert switcher.find("a", hreflang="id")["href"] == "/bahasa/id/?next=/"


def test_language_switcher_links_back_to_the_current_page_with_its_query(client, news_index):
    html = page(client, "/berita/?tahun=2024&kategori=a b")
    link = html.select_one("nav.language-switcher a[hreflang=en]")["href"]
    assert link == "/bahasa/en/?next=/berita/%3Ftahun%3D2024%26kategori%3Da%2520b"
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/berita/?tahun=2024&kategori=a%20b"


def test_indonesian_interface_strings(client, home_page):
    """Needs the Indonesian catalog (locale/id/LC_MESSAGES/django.mo)."""
    from home.models import ServiceTile

    ServiceTile.objects.create(page=home_page, title="Pengaduan", description="Sampaikan keluhan")
    html = page(client)
    assert html.find("h2", id="news-title").get_text() == "Berita terbaru"
    assert html.select_one(".header-search button").get_text() == "Cari"
    assert html.find("h2", id="services-title").get_text() == "Layanan online"
    english = page(client, language="en")
    assert english.find("h2", id="services-title").get_text() == "Online services"


def test_accept_language_header_is_honoured_without_a_cookie(client, home_page):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in response.content.decode()
    # The cookie wins over the browser's preference.
    client.cookies["bahasa"] = "id"
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="id">' in response.content.decode()


def test_admin_is_available_in_indonesian(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "id"
