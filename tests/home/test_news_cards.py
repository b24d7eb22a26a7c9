"""News cards are kept per content generation and read together (home/news_cards.py)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ImageFactory, NewsCategoryFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(news_index, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    made = []
    for n in range(4):
        article = NewsPageFactory(parent=news_index, title=f"Posyandu {n}", hero_image=ImageFactory())
        article.categories.add(category)
        article.save_revision().publish()
        made.append(article)
    return made


def cards(client, url) -> tuple[list[str], list[str]]:
    """The cards' (heading tag + title) as shown, and the SQL of the request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    shown = [f"{h.name} {h.get_text(strip=True)}" for h in page.select(".news-card__title")]
    return shown, [q["sql"] for q in captured.captured_queries]


def test_a_listing_with_its_cards_kept_reads_no_article_rows(client, articles):
    client.get("/berita/")  # makes the images' renditions (a new rendition is a content change)
    cache.clear()
    cold, cold_sql = cards(client, "/berita/")
    warm, warm_sql = cards(client, "/berita/")
    assert warm == cold == [f"h2 Posyandu {n}" for n in (3, 2, 1, 0)]
    # Cold, the articles are read whole with their renditions and categories, once.
    assert any('"home_newspage"."summary"' in sql for sql in cold_sql)
    # Warm, only their ids: no article columns, renditions or categories.
    assert not any('"home_newspage"."summary"' in sql for sql in warm_sql), "\n".join(warm_sql)
    assert not any("wagtailimages_rendition" in sql for sql in warm_sql), warm_sql
    assert not any("home_newspage_categories" in sql for sql in warm_sql), warm_sql


def test_cards_are_kept_per_heading_level(client, articles, home_page):
    """The same article is an h2 in the news list (below the page's h1) and an h3 on the home
    page (below "Latest news"): one card each."""
    client.get("/")  # renditions made (a content change) before the cards are kept
    cache.clear()
    listed, _ = cards(client, "/berita/")
    on_home, _ = cards(client, "/")
    assert listed[0] == "h2 Posyandu 3"
    assert on_home[0] == "h3 Posyandu 3"


def test_an_unpublished_article_leaves_the_kept_cards_at_once(client, articles):
    cache.clear()
    cards(client, "/berita/")
    articles[3].unpublish()
    shown, _ = cards(client, "/berita/")
    assert shown == [f"h2 Posyandu {n}" for n in (2, 1, 0)]
