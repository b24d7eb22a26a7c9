"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test gets its own page tree built with the factories (a transactional test flushes the
database afterwards, so the home page and site from the data migration may be gone: they are
recreated here when missing). Chromium is launched once per session, each test gets a fresh
browser context.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's default (30 s) would hide a hanging page behind a long wait; pages here are
# served by a local thread and render in well under a second.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_context(browser: Browser, **options) -> BrowserContext:
    context = browser.new_context(locale="id-ID", **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def viewport(request) -> dict:
    """The window of ``page`` and ``axe_page``: a desktop unless the test is parametrized."""
    return getattr(request, "param", DESKTOP)


@pytest.fixture
def context(browser, viewport) -> Iterator[BrowserContext]:
    """A fresh browser context (no cookies, no cache) for the test, with the site's CSP enforced."""
    context = _new_context(browser, viewport=viewport)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


@pytest.fixture
def mobile_page(browser) -> Iterator[Page]:
    context = _new_context(browser, viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_page(browser, viewport) -> Iterator[Page]:
    """A page whose context ignores the site's CSP, so that axe-core can be injected inline."""
    if not AXE_SCRIPT.is_file():
        pytest.skip(f"{AXE_SCRIPT.relative_to(REPO_ROOT)} is missing: run `make browser-deps` (npm ci)")
    context = _new_context(browser, bypass_csp=True, viewport=viewport)
    yield context.new_page()
    context.close()


@dataclass
class Portal:
    """The content the journeys walk through, and the live server's address."""

    url: str
    home: object
    news_index: object
    health_article: object
    city_article: object
    old_article: object
    complaint_page: object

    def __call__(self, path: str = "/") -> str:
        return self.url + path


def _ensure_home_page():
    """The migrated home page and default site, recreated after a transactional flush."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        locale, _ = Locale.objects.get_or_create(language_code="id")
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(
            instance=HomePage(
                title="Beranda",
                slug="beranda",
                hero_title="Pemerintah Kota Binjai",
                hero_text="Layanan publik kota dalam genggaman warga.",
            )
        )
    Site.objects.exclude(root_page=home).delete()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Binjai Smart City"},
    )
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def portal(transactional_db, live_server) -> Portal:
    """A small but complete portal: services, news with categories and tags, menus, footer."""
    from wagtail.models import Site

    from home.models import FooterLink, KeyFigure, MainMenuItem, NavigationSettings, ServiceTile, SiteSettings
    from tests.factories import (
        AnnouncementFactory,
        NewsCategoryFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        StandardPageFactory,
    )

    home = _ensure_home_page()
    site = Site.objects.get(is_default_site=True)

    complaint_page = StandardPageFactory(
        parent=home,
        title="Pengaduan Warga",
        slug="pengaduan",
        intro="Sampaikan keluhan tentang layanan publik Kota Binjai.",
        show_in_menus=True,
    )
    news_index = NewsIndexPageFactory(
        parent=home, title="Berita", slug="berita", intro="Kabar terbaru dari Pemerintah Kota Binjai."
    )
    health = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    city = NewsCategoryFactory(name="Pemerintahan", slug="pemerintahan")

    health_article = NewsPageFactory(
        parent=news_index,
        title="Posyandu keliling menjangkau seluruh kelurahan",
        slug="posyandu-keliling",
        date=datetime.date(2025, 3, 12),
        summary="Dinas Kesehatan membawa layanan posyandu ke setiap kelurahan.",
        body=[
            (
                "paragraph",
                "<p>Petugas memberikan vaksinasi gratis kepada balita di Kelurahan Tanah Tinggi "
                "setiap hari Sabtu.</p>",
            )
        ],
    )
    health_article.categories.set([health])
    health_article.tags.add("posyandu", "balita")
    health_article.save_revision().publish()

    city_article = NewsPageFactory(
        parent=news_index,
        title="Wali Kota meresmikan taman kota baru",
        slug="taman-kota-baru",
        date=datetime.date(2025, 3, 10),
        summary="Taman di pusat kota dibuka untuk warga.",
    )
    city_article.categories.set([city])
    city_article.save_revision().publish()

    old_article = NewsPageFactory(
        parent=news_index,
        title="Pendaftaran posyandu remaja dibuka",
        slug="posyandu-remaja",
        date=datetime.date(2024, 11, 2),
        summary="Remaja dapat mendaftar di puskesmas terdekat.",
    )
    old_article.categories.set([health])
    old_article.tags.add("posyandu")
    old_article.save_revision().publish()

    ServiceTile.objects.create(
        page=home,
        sort_order=0,
        title="Pengaduan",
        description="Laporkan masalah di lingkungan Anda.",
        icon="complaint",
        link_page=complaint_page,
    )
    ServiceTile.objects.create(
        page=home,
        sort_order=1,
        title="Izin Usaha",
        description="Ajukan izin usaha secara daring.",
        icon="permit",
    )
    home.hero_link_page = complaint_page
    home.hero_link_text = "Sampaikan pengaduan"
    home.save()
    KeyFigure.objects.create(page=home, sort_order=0, value="291.842", label="Penduduk", source="BPS 2024")
    AnnouncementFactory(title="Pemadaman listrik terjadwal", is_urgent=True)

    navigation = NavigationSettings.for_site(site)
    MainMenuItem.objects.create(navigation=navigation, sort_order=0, label="Berita", link_page=news_index)
    MainMenuItem.objects.create(
        navigation=navigation, sort_order=1, label="Pengaduan", link_page=complaint_page
    )
    FooterLink.objects.create(navigation=navigation, sort_order=0, label="Berita", link_page=news_index)
    settings = SiteSettings.for_site(site)
    settings.address = "Jl. Jenderal Sudirman No. 6\nBinjai 20712"
    settings.phone = "(061) 882 1234"
    settings.email = "humas@binjaikota.go.id"
    settings.save()

    return Portal(
        url=live_server.url,
        home=home,
        news_index=news_index,
        health_article=health_article,
        city_article=city_article,
        old_article=old_article,
        complaint_page=complaint_page,
    )


@pytest.fixture
def public_site(portal, settings):
    """The portal plus what every public page type needs to show (tests/browser/public_pages.py)."""
    from .public_pages import build_public_site

    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the forms faster than a person

    return build_public_site(portal)
