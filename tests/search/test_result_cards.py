"""Search results are shown from cards kept until content changes (search/results.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from search.results import result_cards
from tests.factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def results(client, query):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".search-result__type").get_text(strip=True),
            item.select_one(".search-result__title a").get_text(strip=True),
            item.select_one(".search-result__title a")["href"],
            (item.select_one("time")["datetime"], item.select_one("time").get_text())
            if item.select_one("time")
            else None,
        )
        for item in page.select("ol.search-results .search-result")
    ]


def test_a_result_shows_kind_title_link_and_date_of_its_page(client, news_index, home_page):
    article = NewsPageFactory(
        parent=news_index, title="Banjir surut", summary="Air banjir surut.", date=datetime.date(2026, 3, 9)
    )
    page = StandardPageFactory(parent=home_page, title="Siaga banjir", intro="Nomor darurat banjir.")
    shown = results(client, "banjir")
    assert sorted(shown) == sorted(
        [
            ("Berita", "Banjir surut", article.url, ("2026-03-09", "9 Maret 2026")),
            ("Halaman", "Siaga banjir", page.url, None),
        ]
    )


def test_a_repeated_search_reads_no_page_only_the_search_statement(client, news_index):
    for n in range(3):
        NewsPageFactory(parent=news_index, title=f"Pasar murah {n}", summary="Pasar murah di Binjai.")
    for _ in range(2):  # first-visit work (site settings made on first use), then the cards
        client.get("/cari/", {"q": "pasar"})
    with CaptureQueriesContext(connection) as captured:
        assert len(results(client, "pasar")) == 3
    page_reads = [q["sql"] for q in captured.captured_queries if '"home_newspage"' in q["sql"]]
    assert page_reads == []
    # The first search of a page still reads it: the cards were made then.
    NewsPageFactory(parent=news_index, title="Pasar malam", summary="Pasar malam dibuka.")
    with CaptureQueriesContext(connection) as captured:
        assert len(results(client, "pasar")) == 4
    assert [q for q in captured.captured_queries if '"home_newspage"' in q["sql"]]


def test_a_published_change_shows_in_the_next_search(client, news_index):
    article = NewsPageFactory(
        parent=news_index, title="Jalan diperbaiki", summary="Perbaikan jalan lingkungan."
    )
    assert [title for _kind, title, _url, _date in results(client, "perbaikan")] == ["Jalan diperbaiki"]
    article.title = "Jalan lingkungan selesai diperbaiki"
    article.save_revision().publish()
    assert [title for _kind, title, _url, _date in results(client, "perbaikan")] == [
        "Jalan lingkungan selesai diperbaiki"
    ]


def test_cards_are_kept_per_language(rf, news_index):
    article = NewsPageFactory(parent=news_index, title="Vaksinasi", summary="Vaksinasi anak.")
    request = rf.get("/cari/", {"q": "vaksinasi"})
    with translation.override("id"):
        assert result_cards([article.pk], request)[article.pk].label == "Berita"
    with translation.override("en"):
        assert result_cards([article.pk], request)[article.pk].label == "News"


def test_a_page_gone_since_the_search_has_no_card(rf, news_index):
    article = NewsPageFactory(parent=news_index, title="Sementara", summary="Akan dihapus.")
    pk = article.pk
    article.delete()
    assert result_cards([pk], rf.get("/cari/")) == {}
