"""The admin carries the city's name and emblem, and sends no staff e-mail hash to gravatar.com."""

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_login_page_shows_the_city_not_wagtail(client, site):
    settings = SiteSettings.for_site(site)
    settings.city_name = "Pemerintah Kota Binjai"
    settings.save()
    page = soup(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="id"))
    assert page.title.get_text(strip=True).endswith("Pemerintah Kota Binjai")
    assert "Wagtail" not in page.title.get_text()
    heading = page.find("h1").get_text(" ", strip=True)
    assert heading == "Masuk ke portal Pemerintah Kota Binjai"
    logo = page.select_one(".login-logo img")
    assert logo["src"].endswith("/img/logo.svg")
    assert "Pemerintah Kota Binjai" in page.select_one(".login-logo").get_text()
    assert page.find("link", rel="icon")["href"].endswith("/img/favicon.svg")
    # Every label of the form is Indonesian (Wagtail's own password field has no translatable label).
    labels = [label.get_text(" ", strip=True) for label in page.select("form label")]
    assert labels == ["Nama pengguna *", "Kata sandi *", "Ingat saya"], labels
    assert page.select_one("a.reset-password") is None or "Lupa kata sandi?" in page.text


def test_dashboard_brands_sidebar_and_welcome_with_the_city(client, editor, site):
    settings = SiteSettings.for_site(site)
    settings.city_name = "Pemerintah Kota Binjai"
    settings.save()
    client.force_login(editor)
    page = soup(client.get("/admin/"))
    sidebar_logo = BeautifulSoup(
        page.find("template", attrs={"data-wagtail-sidebar-branding-logo": True}).decode_contents(),
        "html.parser",
    )
    assert sidebar_logo.img["alt"] == "Pemerintah Kota Binjai"
    assert sidebar_logo.img["src"].endswith("/img/logo.svg")
    assert "Pemerintah Kota Binjai" in page.find("h1").get_text()
    assert page.title.get_text(strip=True).endswith("Pemerintah Kota Binjai")


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_gravatar_would_show_without_the_setting(client, editor):
    """The control case: Wagtail's default asks gravatar.com, so the next test can fail."""
    client.force_login(editor)
    assert "gravatar.com" in client.get("/admin/").content.decode()


def test_no_avatar_is_requested_from_gravatar(client, editor):
    client.force_login(editor)
    for url in ("/admin/", "/admin/account/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "gravatar" not in response.content.decode()
