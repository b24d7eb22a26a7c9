"""Every absolute link the site gives out uses one base URL: the Wagtail Site's root URL.

The request here arrives on another host name (as behind a proxy, or on a second address):
canonical, og:url, og:image, JSON-LD, the sitemap, both feeds and robots.txt still name the
Site's own address.
"""

import json
from xml.etree.ElementTree import fromstring as parse_xml  # noqa: S405 - our own output

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

BASE = "https://portal.binjaikota.go.id"


@pytest.fixture
def public_site(site):
    site.hostname, site.port = "portal.binjaikota.go.id", 443
    site.save()
    return site


def absolute_links(text: str) -> list[str]:
    import re

    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_article_meta_use_the_site_root_url(client, public_site, news_index):
    article = NewsPageFactory(
        parent=news_index, title="Jembatan baru", slug="jembatan", hero_image=ImageFactory()
    )
    response = client.get("/berita/jembatan/", HTTP_HOST="10.0.0.5:8000")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("link", rel="canonical")["href"] == f"{BASE}/berita/jembatan/"

    def meta(prop):
        return page.find("meta", attrs={"property": prop})["content"]

    assert meta("og:url") == f"{BASE}/berita/jembatan/"
    assert meta("og:image").startswith(f"{BASE}/")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["mainEntityOfPage"] == f"{BASE}/berita/jembatan/"
    assert data["image"][0].startswith(f"{BASE}/")
    assert article.full_url == f"{BASE}/berita/jembatan/"


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_use_the_site_root_url(client, public_site, news_index, feed):
    NewsPageFactory(parent=news_index, title="Jembatan baru", slug="jembatan")
    response = client.get(f"/berita/{feed}/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    links = [link for link in absolute_links(response.content.decode()) if "w3.org" not in link]
    assert links and all(link.startswith(f"{BASE}/") for link in links), links
    assert f"{BASE}/berita/jembatan/" in links


def test_sitemap_and_robots_use_the_site_root_url(client, public_site, news_index):
    NewsPageFactory(parent=news_index, title="Jembatan baru", slug="jembatan")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = client.get("/sitemap.xml", HTTP_HOST="10.0.0.5:8000")
    tree = parse_xml(sitemap.content)  # noqa: S314 - the site's own output
    locations = [loc.text for loc in tree.findall("s:url/s:loc", ns)]
    assert f"{BASE}/berita/jembatan/" in locations
    assert all(loc.startswith(f"{BASE}/") for loc in locations)
    robots = client.get("/robots.txt", HTTP_HOST="10.0.0.5:8000").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()


def test_seed_demo_sets_the_site_address_from_the_base_url_setting(db, settings):
    from home.demo.builder import DemoSeeder

    settings.WAGTAILADMIN_BASE_URL = "https://demo.binjaikota.go.id"
    seeder = DemoSeeder()
    seeder.site = Site.objects.get(is_default_site=True)
    seeder.seed_site()
    assert Site.objects.get(is_default_site=True).root_url == "https://demo.binjaikota.go.id"
