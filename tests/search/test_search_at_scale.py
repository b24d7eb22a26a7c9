"""Search at a size where evaluating every match would show: bounded counts, and-then-or, pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search import query as site_search_module
from search.query import RESULTS_PER_PAGE
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(page) -> list[str]:
    return [a.get_text() for a in page.select("ol.search-results .search-result__title a")]


def count_text(page) -> str:
    return page.select_one(".result-count").get_text()


@pytest.fixture(scope="module")
def _market_news(django_db_setup, django_db_blocker):
    """Built once for the module in a transaction rolled back at its end; each test runs in a
    savepoint of it (pytest-django's ``db``), so what a test adds goes with the test."""
    from home.models import HomePage
    from tests.factories import NewsIndexPageFactory

    with django_db_blocker.unblock(), transaction.atomic():
        news_index = NewsIndexPageFactory(parent=HomePage.objects.get(), title="Berita", slug="berita")
        _add_market_articles(news_index)
        yield news_index.pk
        transaction.set_rollback(True)


@pytest.fixture
def market_news(_market_news, db):
    """45 articles about the market in Binjai Timur, 1 about sembako, 1 about both words."""
    from home.models import NewsIndexPage

    return NewsIndexPage.objects.get(pk=_market_news)


def _add_market_articles(news_index) -> None:
    for n in range(45):
        NewsPageFactory(
            parent=news_index,
            title=f"Harga cabai pekan {n}",
            summary="Laporan harga di pasar tradisional Binjai Timur.",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
    NewsPageFactory(parent=news_index, title="Sembako murah", summary="Pembagian sembako di kantor lurah.")
    NewsPageFactory(parent=news_index, title="Operasi pasar", summary="Sembako murah di pasar Tavip.")


@pytest.fixture
def small_count_limit(monkeypatch):
    monkeypatch.setattr(site_search_module, "COUNT_LIMIT", 20)
    return 20


def test_count_is_exact_below_the_limit_and_pages_cover_every_match(client, market_news):
    first = search(client, "pasar")
    assert count_text(first).startswith("46 ")
    assert len(first.select(".result-count")) == 1  # no "add another word" when all are listed
    seen = set(titles(first))
    for number in range(2, 6):
        seen |= set(titles(search(client, "pasar", halaman=str(number))))
    assert len(seen) == 46
    assert len(titles(search(client, "pasar", halaman="5"))) == 46 - 4 * RESULTS_PER_PAGE


def test_past_the_limit_the_count_says_more_than_and_paging_stops_there(
    client, market_news, small_count_limit
):
    first = search(client, "pasar")
    assert "20" in count_text(first) and "46" not in count_text(first)
    assert count_text(first).lower().startswith(("lebih dari", "more than"))
    hint = " ".join(p.get_text() for p in first.select(".result-count")[1:])
    assert "Hanya 20 hasil pertama yang ditampilkan" in hint and "kata lain" in hint
    assert len(titles(first)) == RESULTS_PER_PAGE
    last = search(client, "pasar", halaman="2")
    assert len(titles(last)) == 20 - RESULTS_PER_PAGE
    assert last.select_one(".pagination a[rel=next]") is None
    # A page number past the limit gives the last page, not an error or an empty page.
    assert titles(search(client, "pasar", halaman="5")) == titles(last)


def test_no_query_reads_every_match(client, market_news, small_count_limit):
    """The old view ran the ranked search without a LIMIT over every match (len(results))."""
    client.get("/cari/", {"q": "pasar"})
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cari/", {"q": "pasar", "halaman": "2"})
    assert response.status_code == 200
    search_queries = [q["sql"] for q in captured.captured_queries if "indexentry" in q["sql"].lower()]
    assert search_queries, "the search ran no query on the search index"
    for sql in search_queries:
        assert "LIMIT" in sql.upper(), sql
    # The ranked page is scored among at most COUNT_LIMIT ids.
    ranked = search_queries[-1]
    assert ranked.upper().count("LIMIT") >= 1


def test_every_word_first_then_any_word_with_its_own_count(client, market_news):
    both = search(client, "pasar sembako")
    assert titles(both) == ["Operasi pasar"]
    assert count_text(both).startswith("1 ")
    # No article has both "sembako" and "cabai": any word, counted exactly.
    either = search(client, "sembako cabai")
    assert count_text(either).startswith("47 ")
    assert len(titles(either)) == RESULTS_PER_PAGE


def test_title_match_still_ranks_first_among_many_matches(client, market_news):
    assert titles(search(client, "sembako"))[0] == "Sembako murah"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "query, operator",
    [
        ("pasar", "and"),
        ("pasar sembako", "and"),  # one word in the title, the other in the body of one page
        ("Sembako murah", "and"),
        ("pelayanan", "and"),  # stemmed
        ("e-government pasar", "or"),  # hyphen splits words, as in the stock backend
        ("dan pasar", "and"),  # an Indonesian stop word among the words
        ("dan yang", "and"),  # only stop words: nothing, as in the stock backend
        ("dan yang", "or"),
        ("sembako cabai", "or"),
        ("sembako cabai", "and"),
    ],
)
def test_word_by_word_matching_finds_what_the_stock_backend_finds(market_news, query, operator):
    """search.backends matches per word on PostgreSQL; the pages found must not change."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    NewsPageFactory(
        parent=market_news, title="Mal pelayanan publik", summary="Layanan e-government di pasar."
    )
    portal = get_search_backend()
    stock = PostgresSearchBackend({"SEARCH_CONFIG": "indonesian"})
    assert type(portal) is not PostgresSearchBackend
    pages = Page.objects.live()
    ours = {p.pk for p in portal.search(query, pages, operator=operator)}
    theirs = {p.pk for p in stock.search(query, pages, operator=operator)}
    assert ours == theirs
    assert [p.pk for p in portal.search(query, pages, operator=operator)][:5] == [
        p.pk for p in stock.search(query, pages, operator=operator)
    ][:5]


@pytest.fixture
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def index_queries(client, query, **params) -> list[str]:
    client.get("/cari/", {"q": query, **params})  # renditions and other first-visit work
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if "indexentry" in q["sql"].lower()]


@pytest.mark.postgres
def test_on_postgresql_a_search_is_one_statement_counted_and_ranked_together(
    client, market_news, small_count_limit, page_cache_off
):
    """No list of matching ids travels between the database and the site: the newest matches
    are counted and the page is ranked among them by one statement."""
    statements = index_queries(client, "pasar", halaman="2")
    assert len(statements) == 1, statements
    assert "COUNT(*)" in statements[0].upper() and "TS_RANK" in statements[0].upper()
    page = search(client, "pasar", halaman="2")
    assert count_text(page).lower().startswith("lebih dari 20")
    assert len(titles(page)) == RESULTS_PER_PAGE


@pytest.mark.postgres
def test_on_postgresql_any_word_costs_one_more_statement_only_when_no_page_has_every_word(
    client, market_news, page_cache_off
):
    assert len(index_queries(client, "pasar sembako")) == 1
    # "and" finds nothing, then "or" answers: two statements, not a count plus a ranking each.
    assert len(index_queries(client, "sembako cabai")) == 2


def test_page_numbers_that_are_not_pages_give_the_first_or_the_last_page(client, market_news):
    first = titles(search(client, "pasar"))
    assert titles(search(client, "pasar", halaman="abc")) == first
    assert titles(search(client, "pasar", halaman="-3")) == first
    last = search(client, "pasar", halaman="99")
    assert len(titles(last)) == 46 - 4 * RESULTS_PER_PAGE
    assert last.select_one(".pagination a[rel=next]") is None
    # Any word, past the end: the last page of the "or" results, still counted exactly.
    either = search(client, "sembako cabai", halaman="99")
    assert count_text(either).startswith("47 ")
    assert len(titles(either)) == 47 - 4 * RESULTS_PER_PAGE


def test_ranking_puts_the_title_match_first_on_both_paths_past_the_count_limit(
    client, market_news, small_count_limit
):
    """Past the limit, the newest matches are ranked: a title match among them still leads."""
    NewsPageFactory(parent=market_news, title="Timur bersih", summary="Kerja bakti warga.")
    found = search(client, "timur")  # 45 summaries say "Binjai Timur"; one title does
    assert count_text(found).lower().startswith("lebih dari 20")
    assert titles(found)[0] == "Timur bersih"


@pytest.fixture
def small_ranked_limit(monkeypatch):
    monkeypatch.setattr(site_search_module, "RANKED_LIMIT", 3)
    return 3


def test_an_older_title_match_leads_however_many_newer_body_matches(client, market_news, small_ranked_limit):
    """On PostgreSQL only a shortlist is scored; title matches are taken into it first."""
    for n in range(5):
        NewsPageFactory(parent=market_news, title=f"Bantuan warga {n}", summary="Paket sembako untuk lansia.")
    found = search(client, "sembako")
    assert count_text(found).startswith("7 ")
    assert titles(found)[0] == "Sembako murah"


@pytest.mark.postgres
def test_past_the_scored_shortlist_every_match_shows_once_newest_first(
    client, market_news, small_ranked_limit
):
    shown = [title for n in range(1, 6) for title in titles(search(client, "pasar", halaman=str(n)))]
    assert len(shown) == len(set(shown)) == 46
    assert shown[0] == "Operasi pasar"  # the one title match
    # Past the shortlist, no score: the 45 price reports (body matches), newest week first.
    weeks = [int(title.rsplit(" ", 1)[1]) for title in shown[small_ranked_limit:]]
    assert weeks == sorted(weeks, reverse=True)


@pytest.mark.postgres
def test_an_entry_stores_its_page_id_and_other_keys_store_none(client, market_news, page_cache_off):
    """The statement joins on ``search_page_id`` (migration search/0002), which PostgreSQL
    writes with every entry: a page's id as an integer, NULL for keys that are no page id
    (an error there would break every search)."""
    from django.contrib.contenttypes.models import ContentType

    from home.models import NewsPage
    from search.backends import ENTRY_PAGE_ID

    article = NewsPageFactory(parent=market_news, title="Jembatan baru", summary="Dibuka untuk warga.")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {ENTRY_PAGE_ID} FROM wagtailsearch_indexentry "
            "WHERE content_type_id = %s AND object_id = %s",
            [ContentType.objects.get_for_model(NewsPage).pk, str(article.pk)],
        )
        assert cursor.fetchall() == [(article.pk,)]
        other_type = ContentType.objects.get_for_model(ContentType).pk
        stored = []
        for key in ("5f0c2a1e-9b7d-4c1e-8f55-0a1b2c3d4e5f", "12345678901", "", "42"):
            cursor.execute(
                "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete, "
                "body, title_norm, title_text, body_text) VALUES (%s, %s, '', '', '', 1, '', '') "
                f"RETURNING {ENTRY_PAGE_ID}",
                [other_type, key],
            )
            stored.append(cursor.fetchone()[0])
    assert stored == [None, None, None, 42]
    # Entries of other models never reach the results, whatever their stored id.
    assert titles(search(client, "jembatan")) == ["Jembatan baru"]


@pytest.mark.postgres
def test_on_postgresql_the_join_of_pages_and_entries_can_use_an_index_both_ways(
    client, market_news, page_cache_off
):
    """With ``page.id::varchar = object_id`` no index served the join from the page's side:
    a rare word's two matches cost a scan of every page. Forbidden to scan or hash, the
    planner must find an entry's page, or a page's entry, through an index."""
    (statement,) = index_queries(client, "sembako")
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Either an entry found by (content type, page id), or a page by the id read from an entry.
    joined_by_index = [
        line for line in plan.splitlines() if "Index Cond" in line and "search_page_id" in line
    ]
    assert joined_by_index, plan


def test_result_texts_not_kept_yet_are_read_in_one_go(client, market_news, page_cache_off):
    """Result pages come without their bodies; on a cold cache the texts' bodies are read
    together, not one query per result."""
    from django.core.cache import cache

    client.get("/cari/", {"q": "cabai"})  # first-visit work (site root paths, renditions)
    counts = {}
    for query in ("sembako", "pasar"):  # 2 results, then a full page of 10
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            page = search(client, query)
        counts[len(titles(page))] = len(captured)
        assert page.select("mark"), "no excerpt marked the word"
    assert counts[2] == counts[RESULTS_PER_PAGE], counts
