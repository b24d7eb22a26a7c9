"""The footer links a site map for people: an HTML page listing the site's sections and pages."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import NewsPageFactory, ServiceIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_site_map_lists_sections_and_their_pages_as_links(client, home_page, news_index):
    about = StandardPageFactory(parent=home_page, title="Tentang Binjai", slug="tentang", show_in_menus=True)
    StandardPageFactory(parent=about, title="Sejarah", slug="sejarah")
    draft = StandardPageFactory(parent=about, title="Belum terbit", slug="draf")
    draft.unpublish()
    services = ServiceIndexPageFactory(parent=home_page, title="Layanan Online", slug="layanan")
    StandardPageFactory(parent=services, title="Pengaduan Warga", slug="pengaduan")
    NewsPageFactory(parent=news_index, title="Satu berita", slug="satu-berita")

    response = client.get("/peta-situs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Peta situs"
    tree = page.select_one(".site-map")
    sections = {
        item.find("a", recursive=False).get_text(strip=True): [
            a.get_text(strip=True) for a in item.select(":scope > ul a")
        ]
        for item in tree.find("ul").find_all("li", recursive=False)
    }
    assert sections["Tentang Binjai"] == ["Sejarah"]
    assert sections["Layanan Online"] == ["Pengaduan Warga"]
    assert "Berita" in sections
    links = {a.get_text(strip=True): a["href"] for a in tree.find_all("a")}
    assert links["Sejarah"] == "/tentang/sejarah/"
    assert "Belum terbit" not in links
    # Articles are reached through the news index, not listed one by one (there are thousands).
    assert "Satu berita" not in links
