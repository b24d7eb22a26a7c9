"""The news index (filters, pagination), articles (related news, social and structured data),
feeds, sitemap, robots.txt, favicon and the 404 page."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from home.models.news import NEWS_PER_PAGE
from tests.factories import ImageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - our own responses


def titles(response) -> list[str]:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in page.select(".news-list .news-card__title a")]


TOTAL = 2 * NEWS_PER_PAGE + 5  # three pages, the last one partly filled


@pytest.fixture
def many_articles(news_index):
    """One article a day, so that the newest is "Berita {TOTAL}"."""
    return [
        NewsPageFactory(
            parent=news_index,
            title=f"Berita {n}",
            slug=f"berita-{n}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(1, TOTAL + 1)
    ]


def test_news_index_paginates_newest_first(client, many_articles):
    newest_first = [f"Berita {n}" for n in range(TOTAL, 0, -1)]
    first = titles(client.get("/berita/"))
    assert first == newest_first[:NEWS_PER_PAGE]
    second = titles(client.get("/berita/?halaman=2"))
    assert second == newest_first[NEWS_PER_PAGE : 2 * NEWS_PER_PAGE]
    third = titles(client.get("/berita/?halaman=3"))
    assert third == newest_first[2 * NEWS_PER_PAGE :]
    assert len(third) == 5
    html = client.get("/berita/?halaman=2").content.decode()
    assert 'href="?halaman=1" rel="prev"' in html
    assert 'href="?halaman=3" rel="next"' in html


def test_news_index_handles_invalid_page_numbers(client, many_articles):
    # Not a number: the first page; out of range: the last page.
    for value, expected_page in [("abc", 1), ("", 1), ("1.5", 1), ("0", 3), ("999", 3), ("-1", 3)]:
        response = client.get(f"/berita/?halaman={value}")
        assert response.status_code == 200, value
        current = BeautifulSoup(response.content, "html.parser").select_one(".pagination [aria-current=page]")
        assert current.get_text() == str(expected_page), value


def test_news_index_filters_by_category_tag_and_year(client, news_index):
    health = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    roads = NewsCategoryFactory(name="Infrastruktur", slug="infrastruktur")
    a = NewsPageFactory(parent=news_index, title="Vaksinasi massal", date=datetime.date(2023, 5, 1))
    a.categories.set([health])
    a.tags.add("vaksin")
    a.save_revision().publish()
    b = NewsPageFactory(parent=news_index, title="Jalan diperbaiki", date=datetime.date(2024, 5, 1))
    b.categories.set([roads])
    b.tags.add("jalan")
    b.save_revision().publish()
    c = NewsPageFactory(parent=news_index, title="Puskesmas baru", date=datetime.date(2024, 7, 1))
    c.categories.set([health, roads])
    c.tags.add("vaksin", "jalan")
    c.save_revision().publish()

    assert titles(client.get("/berita/?kategori=kesehatan")) == ["Puskesmas baru", "Vaksinasi massal"]
    assert titles(client.get("/berita/?kategori=infrastruktur")) == ["Puskesmas baru", "Jalan diperbaiki"]
    assert titles(client.get("/berita/?tag=jalan")) == ["Puskesmas baru", "Jalan diperbaiki"]
    assert titles(client.get("/berita/?tahun=2023")) == ["Vaksinasi massal"]
    assert titles(client.get("/berita/?kategori=kesehatan&tahun=2024")) == ["Puskesmas baru"]
    assert titles(client.get("/berita/?kategori=kesehatan&tag=jalan&tahun=2024")) == ["Puskesmas baru"]
    # Unknown or malformed filters are ignored rather than failing.
    everything = ["Puskesmas baru", "Jalan diperbaiki", "Vaksinasi massal"]
    assert titles(client.get("/berita/?kategori=tidak-ada")) == everything
    assert titles(client.get("/berita/?tahun=20x4")) == everything
    # No match: a message instead of a list.
    response = client.get("/berita/?tahun=2019")
    assert titles(response) == []
    count = BeautifulSoup(response.content, "html.parser").select_one(".result-count")
    assert count.get_text().startswith("0")

    page = BeautifulSoup(client.get("/berita/?kategori=kesehatan&tahun=2024").content, "html.parser")
    assert page.select_one("#filter-category option[selected]")["value"] == "kesehatan"
    assert page.select_one("#filter-year option[selected]")["value"] == "2024"
    assert [o["value"] for o in page.select("#filter-year option")] == ["", "2024", "2023"]
    tag_links = {a.get_text(): a["href"] for a in page.select(".tag-cloud a")}
    assert tag_links == {"jalan": "/berita/?tag=jalan", "vaksin": "/berita/?tag=vaksin"}
    # "Clear filters" only where a filter applies.
    clear = page.find("a", string="Hapus filter")
    assert clear is not None and clear["href"] == "/berita/"
    unfiltered = BeautifulSoup(client.get("/berita/?kategori=tidak-ada").content, "html.parser")
    assert unfiltered.find("a", string="Hapus filter") is None


def test_news_cards_show_edits_category_renames_and_new_images_at_once(client, news_index, settings):
    """Cards are kept between requests until content changes: every change a card shows must
    reach it on the next view, page cache off or on."""
    settings.PAGE_CACHE_SECONDS = 0
    category = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    article = NewsPageFactory(parent=news_index, title="Vaksinasi massal", summary="Di puskesmas.")
    article.categories.add(category)
    article.save_revision().publish()

    def card():
        page = BeautifulSoup(client.get("/berita/").content, "html.parser")
        return page.select_one(".news-list .news-card")

    assert card().select_one(".news-card__title").get_text() == "Vaksinasi massal"
    assert card().select_one("img") is None

    article.title, article.summary = "Vaksinasi lanjutan", "Di kantor lurah."
    article.save_revision().publish()
    assert card().select_one(".news-card__title").get_text() == "Vaksinasi lanjutan"
    assert card().select_one(".news-card__summary").get_text() == "Di kantor lurah."

    category.name = "Kesehatan masyarakat"
    category.save()
    assert "Kesehatan masyarakat" in card().select_one(".news-card__meta").get_text()

    article.hero_image = ImageFactory()
    article.save_revision().publish()
    assert card().select_one("img") is not None


def test_pagination_keeps_the_filters(client, news_index):
    category = NewsCategoryFactory(name="Pendidikan", slug="pendidikan")
    for n in range(NEWS_PER_PAGE + 2):
        article = NewsPageFactory(parent=news_index, title=f"Sekolah {n}")
        article.categories.set([category])
        article.save_revision().publish()
    html = client.get("/berita/?kategori=pendidikan").content.decode()
    assert 'href="?kategori=pendidikan&amp;halaman=2" rel="next"' in html
    assert len(titles(client.get("/berita/?kategori=pendidikan&halaman=2"))) == 2


def test_unpublished_and_private_articles_are_not_listed(client, news_index):
    from wagtail.models import PageViewRestriction

    NewsPageFactory(parent=news_index, title="Terbit")
    draft = NewsPageFactory(parent=news_index, title="Draf")
    draft.unpublish()
    private = NewsPageFactory(parent=news_index, title="Khusus pegawai")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get("/berita/")) == ["Terbit"]
    assert client.get(draft.url if draft.url else "/berita/draf/").status_code == 404


def test_related_news_share_a_category_and_exclude_the_article(client, news_index):
    health = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    sport = NewsCategoryFactory(name="Olahraga", slug="olahraga")

    def make(title, category, day):
        page = NewsPageFactory(parent=news_index, title=title, date=datetime.date(2024, 3, day))
        page.categories.set([category])
        page.save_revision().publish()
        return page

    article = make("Demam berdarah", health, 10)
    make("Posyandu", health, 1)
    make("Imunisasi", health, 5)
    make("Cek gizi", health, 7)
    make("Donor darah", health, 3)
    make("Sepak bola", sport, 9)
    related = BeautifulSoup(client.get(article.url).content, "html.parser").select(
        "aside.related .news-card__title a"
    )
    assert [a.get_text() for a in related] == ["Cek gizi", "Imunisasi", "Donor darah"]


def test_article_has_open_graph_and_news_article_json_ld(client, news_index):
    category = NewsCategoryFactory(name="Pemerintahan", slug="pemerintahan")
    image = ImageFactory()
    article = NewsPageFactory(
        parent=news_index,
        title='Wali Kota "Binjai" </script> menyapa warga',
        summary="Ringkasan untuk mesin pencari.",
        date=datetime.date(2024, 8, 17),
        hero_image=image,
    )
    article.categories.set([category])
    article.save_revision().publish()

    response = client.get(article.url)
    page = BeautifulSoup(response.content, "html.parser")

    def meta(prop):
        tag = page.find("meta", attrs={"property": prop})
        return tag["content"] if tag else None

    rendition = image.get_rendition("fill-1200x630-c80")
    assert meta("og:type") == "article"
    assert meta("og:title") == article.title
    assert meta("og:description") == "Ringkasan untuk mesin pencari."
    assert meta("og:url") == article.full_url
    assert meta("article:published_time") == "2024-08-17"
    assert meta("article:section") == "Pemerintahan"
    assert meta("og:image") == f"http://localhost{rendition.url}"  # the Site's root URL
    assert page.find("meta", attrs={"name": "description"})["content"] == "Ringkasan untuk mesin pencari."

    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "</script>" not in raw  # the title cannot close the script element
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2024-08-17"
    assert data["image"] == [f"http://localhost{rendition.url}"]
    assert data["mainEntityOfPage"] == article.full_url
    assert data["publisher"]["name"] == "Pemerintah Kota Binjai"


def test_json_ld_author_is_the_agency_and_no_image_without_hero(client, news_index):
    from smartcity.core.models import Agency

    agency = Agency.objects.get(slug="diskominfo")
    article = NewsPageFactory(parent=news_index, agency=agency)
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["author"] == {"@type": "Organization", "name": agency.name}
    assert "image" not in data
    assert page.find("meta", attrs={"property": "og:image"}) is None


# --- Feeds ----------------------------------------------------------------------------------


@pytest.fixture
def feed_articles(news_index):
    category = NewsCategoryFactory(name="Ekonomi", slug="ekonomi")
    older = NewsPageFactory(
        parent=news_index, title="UMKM naik kelas", summary="Pelatihan UMKM.", date=datetime.date(2024, 2, 1)
    )
    newer = NewsPageFactory(
        parent=news_index,
        title="Pasar tradisional",
        summary="Pasar direnovasi.",
        date=datetime.date(2024, 4, 1),
    )
    newer.categories.set([category])
    newer.save_revision().publish()
    draft = NewsPageFactory(parent=news_index, title="Belum terbit")
    draft.unpublish()
    return newer, older


def test_rss_feed_lists_articles_newest_first(client, feed_articles):
    newer, older = feed_articles
    response = client.get("/berita/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    assert channel.findtext("language") == "id"
    assert channel.findtext("link") == "http://localhost/berita/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Pasar tradisional", "UMKM naik kelas"]
    # Links are absolute, on the host the feed was requested from.
    assert [i.findtext("link") for i in items] == [p.full_url for p in (newer, older)]
    assert items[0].findtext("description") == "Pasar direnovasi."
    assert [c.text for c in items[0].findall("category")] == ["Ekonomi"]
    assert items[0].findtext("pubDate").startswith("Mon, 01 Apr 2024")


def test_atom_feed_lists_articles_newest_first(client, feed_articles):
    newer, older = feed_articles
    response = client.get("/berita/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = parse_xml(response.content)
    entries = root.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == ["Pasar tradisional", "UMKM naik kelas"]
    links = [e.find("a:link", ns).get("href") for e in entries]
    assert links == [p.full_url for p in (newer, older)]
    assert entries[0].find("a:published", ns).text.startswith("2024-04-01")


def test_index_advertises_its_feeds(client, news_index):
    page = BeautifulSoup(client.get("/berita/").content, "html.parser")
    alternates = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"application/rss+xml": "/berita/rss/", "application/atom+xml": "/berita/atom/"}


# --- Site-wide endpoints --------------------------------------------------------------------


def test_sitemap_lists_articles(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Masuk peta situs", slug="peta")
    draft = NewsPageFactory(parent=news_index, title="Tidak masuk", slug="tidak-masuk")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in parse_xml(response.content).findall("s:url/s:loc", ns)]
    # Locations use the Wagtail site's own hostname (localhost in the migrated site).
    assert "http://localhost/" in locations
    assert "http://localhost/berita/" in locations
    assert article.full_url in locations
    assert not any(loc.endswith("/tidak-masuk/") for loc in locations)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /cari/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "max-age=86400" in response["Cache-Control"]
    assert client.post("/robots.txt").status_code == 405


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)


def test_not_found_page_is_in_indonesian(client, home_page):
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "id"
    assert page.find("form", role="search")["action"] == "/cari/"
    # Needs the Indonesian catalog (locale/id): "Page not found" -> "Halaman tidak ditemukan".
    assert page.h1.get_text() == "Halaman tidak ditemukan"
