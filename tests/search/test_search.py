"""The site search at /cari/ with the database backend (SQLite FTS5 or PostgreSQL full-text)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.views import RESULTS_PER_PAGE
from tests.factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(page) -> list[str]:
    return [a.get_text() for a in page.select("ol.search-results .search-result__title a")]


def test_empty_search_shows_only_the_form(client, home_page):
    page = search(client, "")
    assert page.find("input", attrs={"name": "q"}) is not None
    assert page.select(".search-result") == []
    assert page.select_one(".no-results") is None
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_a_word_from_the_body_finds_the_article_with_a_marked_excerpt(client, news_index):
    article = NewsPageFactory(
        parent=news_index,
        title="Pembangunan jembatan",
        summary="Jembatan baru menghubungkan dua kecamatan.",
        body=[("paragraph", "<p>Jembatan Bengkel diresmikan oleh wali kota pada hari Senin.</p>")],
    )
    NewsPageFactory(
        parent=news_index,
        title="Festival kuliner",
        summary="Aneka makanan khas.",
        body=[("paragraph", "<p>Ribuan warga datang ke lapangan.</p>")],
    )
    page = search(client, "diresmikan")
    assert result_titles(page) == ["Pembangunan jembatan"]
    result = page.select_one("ol.search-results .search-result")
    assert result.select_one(".search-result__title a")["href"] == article.url
    assert [m.get_text() for m in result.select(".search-result__excerpt mark")] == ["diresmikan"]
    assert result.select_one(".search-result__date time")["datetime"] == article.date.isoformat()
    assert page.select_one(".result-count").get_text().startswith("1")
    # The query stays in the search box.
    assert page.find("input", id="search-q")["value"] == "diresmikan"


def test_search_finds_standard_pages_too_and_ignores_drafts(client, home_page):
    StandardPageFactory(parent=home_page, title="Sejarah kota", intro="Kota rambutan sejak dahulu.")
    draft = StandardPageFactory(parent=home_page, title="Draf rambutan", intro="Belum terbit rambutan.")
    draft.unpublish()
    assert result_titles(search(client, "rambutan")) == ["Sejarah kota"]


def test_words_are_all_required_first_then_any(client, news_index):
    NewsPageFactory(parent=news_index, title="Pasar murah", summary="Pasar murah di Binjai Timur.")
    NewsPageFactory(parent=news_index, title="Sembako", summary="Pembagian sembako di Binjai Barat.")
    assert result_titles(search(client, "pasar timur")) == ["Pasar murah"]
    assert sorted(result_titles(search(client, "pasar sembako"))) == ["Pasar murah", "Sembako"]


def test_markup_in_titles_and_bodies_is_rendered_inert(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="<script>alert('judul')</script> Banjir kiriman",
        summary="<img src=x onerror=alert(1)> banjir di Binjai Utara",
        body=[("paragraph", "<p>&lt;script&gt;alert('isi')&lt;/script&gt; banjir surut.</p>")],
    )
    response = client.get("/cari/", {"q": "banjir <script>"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    page = BeautifulSoup(html, "html.parser")
    assert result_titles(page) == ["<script>alert('judul')</script> Banjir kiriman"]
    excerpt = page.select_one(".search-result__excerpt")
    assert excerpt.find("img") is None and excerpt.find("script") is None
    assert "<img src=x onerror=alert(1)>" in excerpt.get_text()
    assert {m.get_text().lower() for m in excerpt.select("mark")} >= {"banjir"}
    # The query itself is echoed escaped in the title and the search box.
    assert page.find("input", id="search-q")["value"] == "banjir <script>"
    # The only scripts on the page are the site's own files.
    assert all(s.get("src") for s in page.find_all("script"))


def test_search_results_are_paginated(client, news_index):
    for n in range(RESULTS_PER_PAGE + 3):
        NewsPageFactory(
            parent=news_index,
            title=f"Posyandu {n}",
            summary="Kegiatan posyandu.",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
    first = search(client, "posyandu")
    assert len(result_titles(first)) == RESULTS_PER_PAGE
    assert first.select_one(".result-count").get_text().startswith(str(RESULTS_PER_PAGE + 3))
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=posyandu&halaman=2"
    second = search(client, "posyandu", halaman="2")
    assert len(result_titles(second)) == 3
    assert second.select_one("ol.search-results")["start"] == str(RESULTS_PER_PAGE + 1)
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    # Out-of-range and malformed page numbers fall back to a valid page.
    assert result_titles(search(client, "posyandu", halaman="99")) == result_titles(second)
    assert result_titles(search(client, "posyandu", halaman="x")) == result_titles(first)


def test_promoted_results_come_first(client, home_page, news_index):
    NewsPageFactory(parent=news_index, title="Jadwal vaksinasi", summary="Jadwal vaksinasi bulan ini.")
    service = StandardPageFactory(
        parent=home_page, title="Layanan kesehatan", slug="kesehatan", intro="Puskesmas dan rumah sakit."
    )
    SearchPromotion.objects.create(
        query=Query.get("vaksinasi"), page=service, sort_order=0, description="Semua layanan kesehatan kota."
    )
    page = search(client, "Vaksinasi")  # queries are normalised: case does not matter
    promoted = page.select_one("section.promotions")
    assert promoted is not None
    assert [a.get_text() for a in promoted.select("a")] == ["Layanan kesehatan"]
    assert promoted.a["href"] == service.url
    assert "Semua layanan kesehatan kota." in promoted.text
    html = str(page)
    assert html.index("search-result--promoted") < html.index("Jadwal vaksinasi")
    assert result_titles(page) == ["Jadwal vaksinasi"]
    # Search hits are recorded for the editors' promotions report.
    assert Query.get("vaksinasi").hits == 1


def test_promotion_alone_is_shown_without_the_no_results_message(client, home_page):
    service = StandardPageFactory(parent=home_page, title="Pengaduan", slug="pengaduan")
    SearchPromotion.objects.create(query=Query.get("lapor"), page=service, sort_order=0)
    page = search(client, "lapor")
    assert [a.get_text() for a in page.select("section.promotions a")] == ["Pengaduan"]
    assert page.select_one(".no-results") is None


def test_no_results_message(client, news_index):
    NewsPageFactory(parent=news_index, title="Berita biasa")
    page = search(client, "zzyzxqwerty")
    message = page.select_one("section.no-results")
    assert message is not None
    assert message["role"] == "status"
    assert "zzyzxqwerty" in message.h2.get_text()
    assert {a["href"] for a in message.select("a")} == {"/berita/", "/layanan/"}
    assert page.select(".search-result") == []


def test_query_longer_than_200_characters_is_refused_politely(client, news_index):
    NewsPageFactory(parent=news_index, title="Pajak daerah", summary="pajak")
    page = search(client, "pajak " * 50)
    assert page.select_one(".form-error[role=alert]") is not None
    assert page.select(".search-result") == []
    assert page.select_one(".no-results") is None
    assert not Query.objects.exists()
    # 200 characters exactly are fine.
    query = ("pajak " * 40)[:200]
    assert len(query) == 200
    page = search(client, query)
    assert page.select_one(".form-error") is None
    assert result_titles(page) == ["Pajak daerah"]


@pytest.mark.postgres
def test_title_match_ranks_above_body_only_match(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Kegiatan warga",
        summary="Kerja bakti bersama.",
        body=[("paragraph", "<p>Warga juga membahas drainase di kelurahan.</p>")],
        date=datetime.date(2024, 5, 2),
    )
    NewsPageFactory(
        parent=news_index,
        title="Drainase diperbaiki",
        summary="Pekerjaan selesai.",
        body=[("paragraph", "<p>Dinas PUPR bekerja sepekan.</p>")],
        date=datetime.date(2024, 5, 1),
    )
    assert result_titles(search(client, "drainase")) == ["Drainase diperbaiki", "Kegiatan warga"]


@pytest.mark.postgres
def test_indonesian_stemming_matches_inflected_words(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Mal publik dibuka",
        summary="Warga mengurus dokumen.",
        body=[("paragraph", "<p>Semua layanan perizinan di satu gedung.</p>")],
    )
    NewsPageFactory(
        parent=news_index,
        title="Festival budaya",
        summary="Tari tradisional.",
        body=[("paragraph", "<p>Sanggar tari dari tiap kecamatan tampil.</p>")],
    )
    page = search(client, "pelayanan")
    assert result_titles(page) == ["Mal publik dibuka"]
    assert [m.get_text() for m in page.select(".search-result__excerpt mark")] == ["layanan"]
