"""Listings cost a constant number of SQL queries, however many articles there are."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from home.models import NewsPage, NewsPageTag
from tests.factories import ImageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

SIZES = (3, 10, 200)


def add_articles(news_index, categories, tags, start, stop):
    """Articles with their own hero image, two categories and two tags (links written in bulk).

    Search and reference indexing are skipped while creating them: nothing here searches, and
    it is most of the cost of creating 200 pages.
    """
    with (
        mock.patch("modelsearch.signal_handlers.insert_or_update_object_task"),
        mock.patch("wagtail.signal_handlers.update_reference_index_task"),
    ):
        _add_articles(news_index, categories, tags, start, stop)


def _add_articles(news_index, categories, tags, start, stop):
    articles = [
        NewsPageFactory(
            parent=news_index,
            title=f"Artikel {n}",
            slug=f"artikel-{n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            hero_image=ImageFactory(),
        )
        for n in range(start, stop)
    ]
    through = NewsPage.categories.through
    through.objects.bulk_create(
        through(newspage=article, newscategory=category)
        for n, article in enumerate(articles, start=start)
        for category in categories[n % 2 : n % 2 + 2]
    )
    NewsPageTag.objects.bulk_create(
        NewsPageTag(content_object=article, tag=tag)
        for n, article in enumerate(articles, start=start)
        for tag in (tags[0], tags[1 + n % 4])
    )


def count_queries(client, url) -> tuple[int, list[str]]:
    """Queries of a second anonymous request (renditions already exist), the page cache bypassed."""
    from django.core.cache import cache

    first = client.get(url)
    assert first.status_code == 200
    cache.clear()  # measure the view, not the page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.get("X-Cache") != "hit"
    return len(captured), [q["sql"] for q in captured.captured_queries]


def test_listings_use_a_constant_number_of_queries(client, home_page, news_index):
    categories = [NewsCategoryFactory(name=f"Topik {n}", slug=f"topik-{n}") for n in range(3)]
    tags = [Tag.objects.create(name=name, slug=name) for name in ("binjai", "a", "b", "c", "d")]
    counts = {}
    created = 0
    for size in SIZES:
        add_articles(news_index, categories, tags, created, size)
        created = size
        article = news_index.get_children().live().order_by("-path").first().specific
        counts[size] = {
            "home": count_queries(client, "/"),
            "index": count_queries(client, "/berita/"),
            "index page 2": count_queries(client, "/berita/?halaman=2") if size > 10 else None,
            "filtered": count_queries(client, "/berita/?kategori=topik-1&tahun=2020"),
            "article": count_queries(client, article.url),
        }
    for view in ("home", "index", "filtered", "article"):
        numbers = {size: counts[size][view][0] for size in SIZES}
        assert len(set(numbers.values())) == 1, (view, numbers, counts[SIZES[-1]][view][1])
    assert counts[200]["index page 2"][0] == counts[200]["index"][0]


# Ceilings per public page (page cache off), the same at 10 and at 300 articles.
QUERY_CEILINGS = {"home": 12, "news index": 12, "article": 12, "search": 12}


def warm_count_queries(client, url) -> tuple[int, list[str]]:
    """Queries of a request with the page cache off and the content caches warm (as in production)."""
    for _ in range(2):  # renditions, then the content caches of this generation
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


def test_public_pages_stay_under_their_query_ceilings_at_two_sizes(client, home_page, news_index, settings):
    from wagtail.search.backends import get_search_backend

    from home.figures import Metric
    from home.models import KeyFigure

    settings.PAGE_CACHE_SECONDS = 0
    # Figures counted from the records, as on the real home page (one count each, when cold).
    for order, metric in enumerate((Metric.NEWS_ARTICLES, Metric.ONLINE_SERVICES, Metric.KELURAHAN)):
        KeyFigure.objects.create(page=home_page, sort_order=order, metric=metric, label=metric.label)
    categories = [NewsCategoryFactory(name=f"Topik {n}", slug=f"topik-{n}") for n in range(3)]
    tags = [Tag.objects.create(name=name, slug=name) for name in ("binjai", "a", "b", "c", "d")]
    counts = {}
    created = 0
    for size in (10, 300):
        add_articles(news_index, categories, tags, created, size)
        created = size
        # Indexed in bulk (as update_index does): "artikel" matches every article.
        get_search_backend().add_bulk(NewsPage, list(NewsPage.objects.prefetch_related("categories", "tags")))
        article = news_index.get_children().live().order_by("-path").first().specific
        counts[size] = {
            "home": warm_count_queries(client, "/"),
            "news index": warm_count_queries(client, "/berita/"),
            "article": warm_count_queries(client, article.url),
            "search": warm_count_queries(client, "/cari/?q=artikel"),
        }
    for page, ceiling in QUERY_CEILINGS.items():
        small, large = counts[10][page][0], counts[300][page][0]
        assert small == large, (page, small, large, counts[300][page][1])
        assert large <= ceiling, (page, large, counts[300][page][1])
