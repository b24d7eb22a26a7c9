"""A visitor's journeys through the portal: news and search (languages: test_languages.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_to_article_and_back_to_filtered_news(page, portal):
    page.goto(portal("/"))
    expect(page).to_have_title(re.compile("Beranda"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pemerintah Kota Binjai")

    # Service tiles: a live service links to its page, the other one is announced as coming soon.
    services = page.locator("section.services")
    expect(services.locator(".tile")).to_have_count(2)
    expect(services.get_by_role("link", name="Pengaduan")).to_have_attribute("href", "/pengaduan/")
    expect(services.locator(".tile--soon")).to_contain_text("Izin Usaha")

    # Latest news, newest first.
    news = page.locator("section.latest-news")
    expect(news.locator(".news-card__title")).to_have_text(
        [portal.health_article.title, portal.city_article.title, portal.old_article.title]
    )

    news.get_by_role("link", name=portal.health_article.title).click()
    expect(page).to_have_url(portal("/berita/posyandu-keliling/"))
    article = page.locator("article.article")
    expect(article.get_by_role("heading", level=1)).to_have_text(portal.health_article.title)
    expect(article.get_by_text("Petugas memberikan vaksinasi gratis kepada balita")).to_be_visible()
    expect(article.locator(".article__meta time")).to_have_attribute("datetime", "2025-03-12")
    expect(page.locator("nav.breadcrumbs a")).to_have_text([re.compile(r"\w"), "Berita"])

    # The category link leads to the news index filtered on that category.
    article.locator(".article__footer").get_by_role("link", name="Kesehatan").click()
    expect(page).to_have_url(portal("/berita/?kategori=kesehatan"))
    expect(page.locator("#filter-category")).to_have_value("kesehatan")
    expect(page.locator(".news-list .news-card__title")).to_have_text(
        [portal.health_article.title, portal.old_article.title]
    )

    # Back on the article, a tag link filters the index on that tag.
    page.go_back()
    expect(page).to_have_url(portal("/berita/posyandu-keliling/"))
    page.locator(".tag-list").get_by_role("link", name="#balita").click()
    expect(page).to_have_url(portal("/berita/?tag=balita"))
    expect(page.locator(".filters__tag")).to_contain_text("balita")
    expect(page.locator(".news-list .news-card__title")).to_have_text([portal.health_article.title])


def test_header_search_finds_an_article_by_its_body_and_marks_the_word(page, portal):
    page.goto(portal("/"))
    header_search = page.locator("form.header-search")
    header_search.get_by_role("searchbox").fill("vaksinasi")
    header_search.get_by_role("searchbox").press("Enter")

    expect(page).to_have_url(portal("/cari/?q=vaksinasi"))
    expect(page.locator("#search-q")).to_have_value("vaksinasi")
    results = page.locator("ol.search-results > li.search-result")
    expect(results).to_have_count(1)
    result = results.first
    expect(result.get_by_role("link", name=portal.health_article.title)).to_have_attribute(
        "href", "/berita/posyandu-keliling/"
    )
    expect(result.locator(".search-result__excerpt mark")).to_have_text(["vaksinasi"])

    result.get_by_role("link", name=portal.health_article.title).click()
    expect(page).to_have_url(portal("/berita/posyandu-keliling/"))


def test_search_without_matches_says_so(page, portal):
    page.goto(portal("/"))
    page.locator("#header-search-q").fill("xylofonqwerty")
    page.locator("form.header-search").get_by_role("button").click()

    expect(page).to_have_url(portal("/cari/?q=xylofonqwerty"))
    no_results = page.locator("section.no-results")
    expect(no_results).to_be_visible()
    expect(no_results.get_by_role("heading", level=2)).to_contain_text("xylofonqwerty")
    expect(page.locator(".search-result")).to_have_count(0)
    expect(no_results.locator('a[href="/berita/"]')).to_be_visible()
