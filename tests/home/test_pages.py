"""Every public page type renders its own content."""

import datetime

import pytest
from bs4 import BeautifulSoup

from home.models import KeyFigure, ServiceTile
from tests.factories import (
    AnnouncementFactory,
    DocumentFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    ServiceIndexPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_shows_hero_tiles_figures_announcements_and_news(client, home_page, news_index):
    services = ServiceIndexPageFactory(parent=home_page)
    home_page.hero_title = "Kota Binjai melayani"
    home_page.hero_text = "Semua layanan dalam satu portal."
    home_page.hero_link_page = services
    home_page.hero_link_text = "Lihat layanan"
    home_page.news_count = 2
    home_page.save_revision().publish()
    ServiceTile.objects.create(
        page=home_page, title="Pengaduan", description="Sampaikan keluhan", link_page=services
    )
    ServiceTile.objects.create(page=home_page, title="Perizinan", description="Izin usaha", icon="permit")
    KeyFigure.objects.create(page=home_page, value="291.842", label="Penduduk", source="BPS 2024")
    AnnouncementFactory(title="Kantor tutup hari Jumat", is_urgent=True)
    AnnouncementFactory(
        title="Pengumuman kedaluwarsa",
        starts_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2020, 2, 1, tzinfo=datetime.UTC),
    )
    oldest = NewsPageFactory(parent=news_index, title="Berita paling lama", date=datetime.date(2023, 1, 1))
    NewsPageFactory(parent=news_index, title="Berita kedua", date=datetime.date(2024, 5, 1))
    NewsPageFactory(parent=news_index, title="Berita terbaru sekali", date=datetime.date(2024, 6, 1))

    page = soup(client.get("/"))
    assert page.find("h1", id="hero-title").get_text() == "Kota Binjai melayani"
    assert "Semua layanan dalam satu portal." in page.text
    hero_button = page.select_one(".hero a.button")
    assert hero_button.get_text() == "Lihat layanan"
    assert hero_button["href"] == services.url
    tiles = page.select(".tile-grid .tile")
    assert [t.select_one(".tile__title").get_text() for t in tiles] == ["Pengaduan", "Perizinan"]
    assert tiles[0].a["href"] == services.url
    assert "tile--soon" in tiles[1]["class"]
    figure = page.select_one(".figure")
    assert "291.842" in figure.text and "Penduduk" in figure.text and "BPS 2024" in figure.text
    announcements = [h.get_text(strip=True) for h in page.select(".announcement h3")]
    assert announcements == ["Kantor tutup hari Jumat"]
    assert page.select_one(".announcement--urgent") is not None
    news_titles = [a.get_text() for a in page.select(".latest-news .news-card__title a")]
    assert news_titles == ["Berita terbaru sekali", "Berita kedua"]  # news_count = 2, newest first
    assert oldest.title not in page.text
    assert page.select_one(".latest-news a.button")["href"] == news_index.url


def test_home_page_without_news_says_so(client, home_page):
    page = soup(client.get("/"))
    assert page.select(".news-card") == []
    assert page.select_one(".latest-news p") is not None


@pytest.fixture
def rich_page(home_page):
    """A standard page using every block of the body stream."""
    image = ImageFactory(title="Lapangan Merdeka")
    document = DocumentFactory(title="Laporan Kinerja 2024")
    target = StandardPageFactory(parent=home_page, title="Formulir pengaduan", slug="formulir")
    body = [
        ("heading", {"text": "Jam pelayanan", "level": "h3"}),
        ("paragraph", "<p>Kantor buka <b>Senin sampai Jumat</b>.</p>"),
        (
            "image",
            {
                "image": image,
                "alt_text": "Lapangan kota",
                "caption": "Lapangan Merdeka Binjai",
                "credit": "Diskominfo",
            },
        ),
        ("documents", {"title": "Unduhan", "documents": [document]}),
        (
            "table",
            {
                "data": [["Kecamatan", "Kelurahan"], ["Binjai Kota", "7"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "Jumlah kelurahan",
            },
        ),
        (
            "call_to_action",
            {
                "title": "Ajukan pengaduan",
                "text": "Sampaikan keluhan Anda.",
                "button_text": "Mulai sekarang",
                "page": target,
                "url": "",
            },
        ),
        (
            "call_to_action",
            {
                "title": "Portal nasional",
                "text": "",
                "button_text": "Buka LAPOR!",
                "page": None,
                "url": "https://www.lapor.go.id/",
            },
        ),
        (
            "accordion",
            {
                "title": "Tanya jawab",
                "is_faq": True,
                "items": [
                    {"question": "Apakah layanan ini gratis?", "answer": "<p>Ya, tidak dipungut biaya.</p>"},
                ],
            },
        ),
        ("quote", "Melayani dengan sepenuh hati."),
    ]
    page = StandardPageFactory(
        parent=home_page, title="Tentang Binjai", slug="tentang", body=body, intro="Profil singkat kota."
    )
    return page, image, document, target


def test_standard_page_renders_every_block(client, rich_page):
    page, image, document, target = rich_page
    html = soup(client.get(page.url))
    content = html.select_one("article.content")
    assert content.h1.get_text() == "Tentang Binjai"
    assert content.select_one(".lead").get_text() == "Profil singkat kota."
    assert content.find("h3", string="Jam pelayanan") is not None
    assert content.select_one(".rich-text b").get_text() == "Senin sampai Jumat"

    figure = content.select_one("figure.block-image")
    img = figure.img
    assert img["alt"] == "Lapangan kota"
    assert img["src"] == image.get_rendition("width-1000").url
    assert "Lapangan Merdeka Binjai" in figure.figcaption.text and "(Diskominfo)" in figure.figcaption.text

    docs = content.select_one(".block-documents")
    assert docs.h2.get_text() == "Unduhan"
    link = docs.select_one(".document-list a")
    assert link.get_text() == "Laporan Kinerja 2024"
    assert link["href"] == document.url
    assert "PDF" in docs.select_one(".document-list__meta").get_text()

    table = content.select_one(".table-wrapper table")
    assert table.caption.get_text() == "Jumlah kelurahan"
    assert [th.get_text() for th in table.select("thead th")] == ["Kecamatan", "Kelurahan"]
    assert [td.get_text() for td in table.select("tbody td")] == ["Binjai Kota", "7"]

    ctas = content.select("aside.cta")
    assert [c.select_one(".cta__title").get_text() for c in ctas] == ["Ajukan pengaduan", "Portal nasional"]
    assert ctas[0].a["href"] == target.url and ctas[0].a.get_text() == "Mulai sekarang"
    assert ctas[1].a["href"] == "https://www.lapor.go.id/"

    accordion = content.select_one("section.accordion")
    assert accordion["itemtype"] == "https://schema.org/FAQPage"
    item = accordion.select_one("details.accordion__item")
    assert item.summary.get_text() == "Apakah layanan ini gratis?"
    assert "Ya, tidak dipungut biaya." in item.text

    assert content.blockquote.get_text(strip=True) == "Melayani dengan sepenuh hati."


def test_document_link_from_body_downloads_the_file(client, rich_page):
    _, _, document, _ = rich_page
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 uji"


def test_standard_page_sidebar_lists_children_then_siblings(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Profil", slug="profil", show_in_menus=True)
    first = StandardPageFactory(parent=section, title="Sejarah", slug="sejarah", show_in_menus=True)
    second = StandardPageFactory(parent=section, title="Visi dan misi", slug="visi", show_in_menus=True)
    StandardPageFactory(parent=section, title="Tersembunyi", slug="tersembunyi", show_in_menus=False)
    draft = StandardPageFactory(parent=section, title="Draf rahasia", slug="draf", show_in_menus=True)
    draft.unpublish()

    sidebar = soup(client.get(section.url)).select_one("nav.sidebar-nav")
    assert sidebar.h2.get_text() == "Profil"
    assert [a.get_text() for a in sidebar.select("a")] == ["Sejarah", "Visi dan misi"]
    assert sidebar.select("[aria-current]") == []

    sidebar = soup(client.get(second.url)).select_one("nav.sidebar-nav")
    assert sidebar.h2.get_text() == "Profil"
    links = sidebar.select("a")
    assert [a.get_text() for a in links] == ["Sejarah", "Visi dan misi"]
    assert links[0]["href"] == first.url
    assert links[1].get("aria-current") == "page"


def test_standard_page_shows_breadcrumbs(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Profil", slug="profil")
    child = StandardPageFactory(parent=section, title="Sejarah", slug="sejarah")
    crumbs = soup(client.get(child.url)).select_one("nav.breadcrumbs")
    assert [a["href"] for a in crumbs.select("a")] == ["/", section.url]
    assert crumbs.select_one("[aria-current=page]").get_text() == "Sejarah"


def test_service_index_lists_live_services_and_its_body(client, home_page):
    services = ServiceIndexPageFactory(
        parent=home_page, body=[("paragraph", "<p>Butuh bantuan? Hubungi Diskominfo.</p>")]
    )
    live = StandardPageFactory(
        parent=services,
        title="Pengaduan warga",
        slug="pengaduan",
        search_description="Laporkan masalah di lingkungan Anda.",
    )
    hidden = StandardPageFactory(parent=services, title="Layanan belum siap", slug="belum")
    hidden.unpublish()
    html = soup(client.get(services.url))
    assert html.h1.get_text() == "Layanan"
    assert "Layanan online Pemerintah Kota Binjai." in html.select_one(".lead").text
    tiles = html.select(".tile-grid .tile")
    assert [t.a.get_text() for t in tiles] == ["Pengaduan warga"]
    assert tiles[0].a["href"] == live.url
    assert "Laporkan masalah di lingkungan Anda." in tiles[0].text
    assert "Butuh bantuan? Hubungi Diskominfo." in html.text


def test_service_index_also_lists_service_pages_placed_elsewhere(client, home_page):
    """PPID (like e-musrenbang and e-budgeting) sits at the top of the site, not below
    /layanan/: the index lists it after its own pages, and not once it is unpublished."""
    from tests.transparency.factories import TransparencyPageFactory

    services = ServiceIndexPageFactory(parent=home_page)
    StandardPageFactory(parent=services, title="Pengaduan warga", slug="pengaduan")
    ppid = TransparencyPageFactory(parent=home_page, title="PPID Kota Binjai")
    tiles = soup(client.get(services.url)).select(".tile-grid .tile a")
    assert [(a.get_text(), a["href"]) for a in tiles] == [
        ("Pengaduan warga", "/layanan/pengaduan/"),
        ("PPID Kota Binjai", ppid.url),
    ]
    ppid.unpublish()
    tiles = soup(client.get(services.url)).select(".tile-grid .tile a")
    assert [a.get_text() for a in tiles] == ["Pengaduan warga"]


def test_news_index_and_article_render(client, news_index):
    category = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    image = ImageFactory()
    article = NewsPageFactory(
        parent=news_index,
        title="Posyandu keliling",
        summary="Posyandu hadir di setiap kelurahan.",
        hero_image=image,
        hero_caption="Petugas posyandu",
        author_name="Humas",
        body=[("paragraph", "<p>Layanan kesehatan ibu dan anak.</p>")],
    )
    article.categories.set([category])
    article.tags.add("posyandu")
    article.save_revision().publish()

    listing = soup(client.get(news_index.url))
    card = listing.select_one(".news-list .news-card")
    assert card.select_one(".news-card__title a")["href"] == article.url
    assert card.select_one(".news-card__summary").get_text() == "Posyandu hadir di setiap kelurahan."
    assert "Kesehatan" in card.select_one(".news-card__meta").text
    assert card.img is not None

    detail = soup(client.get(article.url))
    assert detail.h1.get_text() == "Posyandu keliling"
    assert "Humas" in detail.select_one(".article__meta").text
    assert detail.select_one(".article__hero figcaption").get_text() == "Petugas posyandu"
    assert "Layanan kesehatan ibu dan anak." in detail.select_one("article").text
    footer = detail.select_one(".article__footer")
    assert footer.find("a", string="Kesehatan")["href"] == f"{news_index.url}?kategori=kesehatan"
    assert footer.select_one(".tag-list a")["href"] == f"{news_index.url}?tag=posyandu"
