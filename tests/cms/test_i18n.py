"""Languages: Indonesian pages at their addresses, English translations under /en/.

Pages take their language from their address alone; other addresses (search, Open311, the
admin) from the "bahasa" cookie the language switch sets, then the browser's Accept-Language.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from home.models import Announcement, MainMenuItem, NavigationSettings, NewsPage, SiteSettings
from tests.factories import NewsCategoryFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def page(client, url="/", language=None, **headers):
    if language:
        client.cookies["bahasa"] = language
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get(language_code="en")


def translate(page_, locale, **fields):
    """An English translation made the way the admin's "Translate" does, then published."""
    translation = page_.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return translation


@pytest.fixture
def english_home(home_page, english):
    return translate(home_page, english, title="Home", hero_title="Welcome to Binjai")


@pytest.fixture
def english_news(news_index, english_home, english):
    return translate(news_index, english, title="News", slug="news")


# --- Which language a request is shown in ----------------------------------------------------


def test_default_language_is_indonesian(client, home_page):
    html = page(client)
    assert html.html["lang"] == "id"
    switcher = html.select_one("nav.language-switcher")
    assert switcher.select_one("[aria-current]").get_text() == "Bahasa Indonesia"
    assert switcher.find("a", hreflang="en")["href"] == "/bahasa/en/?next=/"


def test_english_pages_are_under_en_with_an_english_interface(client, english_home):
    html = page(client, "/en/")
    assert html.html["lang"] == "en"
    assert html.find("h1").get_text(strip=True) == "Welcome to Binjai"
    assert html.find("h2", id="news-title").get_text() == "Latest news"
    assert html.select_one(".header-search button").get_text() == "Search"
    assert html.select_one(".skip-link").get_text() == "Skip to main content"
    assert html.select_one("a.brand")["href"] == "/en/"
    switcher = html.select_one("nav.language-switcher")
    assert switcher.select_one("[aria-current]").get_text() == "English"
    assert switcher.find("a", hreflang="id")["href"] == "/bahasa/id/?next=/en/"


def test_an_indonesian_address_stays_indonesian_whatever_the_cookie_or_browser(client, english_home):
    """A shared or cached page never changes language: the address says which it is."""
    assert page(client, "/", language="en").html["lang"] == "id"
    client.cookies.clear()
    assert page(client, "/", **{"accept-language": "en-US,en;q=0.9"}).html["lang"] == "id"


def test_addresses_shared_by_both_languages_follow_the_cookie_then_the_browser(client, home_page):
    assert page(client, "/cari/").html["lang"] == "id"
    assert page(client, "/cari/", **{"accept-language": "en-US,en;q=0.9"}).html["lang"] == "en"
    # The cookie (the visitor's explicit choice) wins over the browser's preference.
    assert page(client, "/cari/", language="id", **{"accept-language": "en"}).html["lang"] == "id"
    assert page(client, "/cari/", language="en").html["lang"] == "en"


def test_indonesian_interface_strings(client, home_page, english):
    """Needs the Indonesian catalog (locale/id/LC_MESSAGES/django.mo)."""
    from home.models import ServiceTile

    ServiceTile.objects.create(page=home_page, title="Pengaduan", description="Sampaikan keluhan")
    html = page(client)
    assert html.find("h2", id="news-title").get_text() == "Berita terbaru"
    assert html.select_one(".header-search button").get_text() == "Cari"
    assert html.find("h2", id="services-title").get_text() == "Layanan online"
    english_home = translate(home_page, english, title="Home")
    assert english_home.service_tiles.get().locale == english
    assert page(client, "/en/").find("h2", id="services-title").get_text() == "Online services"


def test_admin_is_available_in_indonesian(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "id"


# --- The language switch ------------------------------------------------------------------------


def test_switch_goes_to_the_translation_of_the_page_and_remembers_the_choice(client, english_news):
    response = client.get("/bahasa/en/", {"next": "/berita/?tahun=2024&kategori=a b"})
    assert response.status_code == 302
    assert response["Location"] == "/en/news/?tahun=2024&kategori=a%20b"
    assert response.cookies["bahasa"].value == "en"
    back = client.get("/bahasa/id/", {"next": "/en/news/?tahun=2024"})
    assert back["Location"] == "/berita/?tahun=2024"
    assert back.cookies["bahasa"].value == "id"


def test_switch_keeps_the_route_below_a_routable_page(client, english_news):
    response = client.get("/bahasa/en/", {"next": "/berita/rss/"})
    assert response["Location"] == "/en/news/rss/"


def test_switch_from_an_untranslated_page_goes_to_the_english_home_page(client, english_home, home_page):
    about = StandardPageFactory(parent=home_page, title="Tentang", slug="tentang")
    response = client.get("/bahasa/en/", {"next": about.url})
    assert response["Location"] == "/en/"


def test_switch_keeps_addresses_that_are_not_pages(client, english_home):
    response = client.get("/bahasa/en/", {"next": "/cari/?q=jalan"})
    assert response["Location"] == "/cari/?q=jalan"
    assert page(client, "/cari/?q=jalan").html["lang"] == "en"


def test_switcher_links_back_to_the_current_page_with_its_query(client, news_index):
    html = page(client, "/berita/?tahun=2024&kategori=a b")
    link = html.select_one("nav.language-switcher a[hreflang=en]")["href"]
    assert link == "/bahasa/en/?next=/berita/%3Ftahun%3D2024%26kategori%3Da%2520b"


def test_translated_pages_name_each_other_as_alternates(client, english_news):
    html = page(client, "/berita/")
    alternates = {
        link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "id": "http://localhost/berita/",
        "en": "http://localhost/en/news/",
        "x-default": "http://localhost/berita/",
    }
    about = StandardPageFactory(
        parent=english_news.get_parent().get_translation(Locale.get_default()), slug="x"
    )
    assert not page(client, about.url).find_all("link", rel="alternate", hreflang=True)


# --- English content ----------------------------------------------------------------------------


def test_untranslated_article_is_shown_in_indonesian_with_an_english_note(client, news_index, english_news):
    article = NewsPageFactory(parent=news_index, title="Jalan baru diresmikan", slug="jalan-baru")
    html = page(client, "/en/news/jalan-baru/")
    assert html.html["lang"] == "en"
    assert html.select_one(".notice--language").get_text() == "This article is available only in Indonesian."
    assert html.select_one("article.article")["lang"] == "id"
    assert html.find("h1").get_text() == "Jalan baru diresmikan"
    # Search engines are pointed at the Indonesian original.
    assert html.find("link", rel="canonical")["href"] == article.full_url
    # The switch leads between the two addresses of the article.
    assert client.get("/bahasa/en/", {"next": article.url})["Location"] == "/en/news/jalan-baru/"
    assert client.get("/bahasa/id/", {"next": "/en/news/jalan-baru/"})["Location"] == article.url
    # The Indonesian page itself has no note.
    assert page(client, article.url).select_one(".notice--language") is None


def test_a_translated_article_is_not_served_again_in_indonesian(client, news_index, english_news, english):
    article = NewsPageFactory(parent=news_index, title="Jalan baru", slug="jalan-baru")
    translate(article, english, title="New road", slug="new-road")
    assert page(client, "/en/news/new-road/").find("h1").get_text() == "New road"
    assert client.get("/en/news/jalan-baru/").status_code == 404
    assert client.get("/en/news/does-not-exist/").status_code == 404


def test_news_listings_show_their_language_plus_untranslated_articles_in_english(
    client, news_index, english_news, english
):
    category = NewsCategoryFactory(name="Pembangunan", slug="pembangunan")
    english_category = category.copy_for_translation(english)
    english_category.name = "Development"
    english_category.save()
    translated = NewsPageFactory(parent=news_index, title="Jalan baru", slug="jalan-baru")
    translated.categories.add(category)
    translated.save_revision().publish()
    translate(translated, english, title="New road", slug="new-road")
    untranslated = NewsPageFactory(parent=news_index, title="Pasar murah", slug="pasar-murah")
    untranslated.categories.add(category)
    untranslated.save_revision().publish()

    indonesian = page(client, "/berita/")
    assert [a.get_text() for a in indonesian.select(".news-card__title a")] == ["Pasar murah", "Jalan baru"]
    assert "Pembangunan" in indonesian.select_one(".news-card__meta").get_text()

    html = page(client, "/en/news/")
    cards = {card.select_one(".news-card__title a").get_text(): card for card in html.select(".news-card")}
    assert set(cards) == {"New road", "Pasar murah"}
    assert cards["New road"].select_one("a")["href"] == "/en/news/new-road/"
    assert cards["New road"].get("lang") is None
    assert cards["Pasar murah"]["lang"] == "id"
    assert cards["Pasar murah"].select_one("a")["href"] == "/en/news/pasar-murah/"
    assert cards["Pasar murah"].select_one(".news-card__language").get_text() == "In Indonesian"
    assert "Development" in cards["Pasar murah"].select_one(".news-card__meta").get_text()
    # The category filter works with the same slug in both languages.
    filtered = page(client, "/en/news/?kategori=pembangunan")
    assert len(filtered.select(".news-card")) == 2
    options = [o.get_text(strip=True) for o in filtered.select("select[name=kategori] option")]
    assert "Development" in options and "Pembangunan" not in options


def test_the_category_filter_finds_every_language_version_whichever_slug_is_used(
    client, news_index, english_news, english
):
    category = NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    english_category = category.copy_for_translation(english)
    english_category.name, english_category.slug = "Health", "health"
    english_category.save()
    tagged_indonesian = NewsPageFactory(parent=news_index, title="Puskesmas baru", slug="puskesmas-baru")
    tagged_indonesian.categories.add(category)
    tagged_indonesian.save_revision().publish()
    tagged_english = NewsPageFactory(parent=news_index, title="Vaksinasi", slug="vaksinasi")
    tagged_english.categories.add(english_category)  # given the English version by an editor
    tagged_english.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Jalan baru", slug="jalan-baru")

    def titles(url):
        return sorted(a.get_text() for a in page(client, url).select(".news-card__title a"))

    both = ["Puskesmas baru", "Vaksinasi"]
    assert titles("/berita/?kategori=kesehatan") == both
    assert titles("/berita/?kategori=health") == both
    assert titles("/en/news/?kategori=kesehatan") == both
    assert titles("/en/news/?kategori=health") == both
    assert len(titles("/berita/?kategori=tidak-ada")) == 3


def test_english_home_page_lists_english_news_and_untranslated_articles(
    client, news_index, english_news, english
):
    article = NewsPageFactory(parent=news_index, title="Jalan baru", slug="jalan-baru")
    translate(article, english, title="New road", slug="new-road")
    NewsPageFactory(parent=news_index, title="Pasar murah", slug="pasar-murah")
    indonesian = [a.get_text() for a in page(client, "/").select(".news-card__title a")]
    assert sorted(indonesian) == ["Jalan baru", "Pasar murah"]
    english_titles = [a.get_text() for a in page(client, "/en/").select(".news-card__title a")]
    assert sorted(english_titles) == ["New road", "Pasar murah"]


def test_menus_footer_and_settings_come_in_the_language_of_the_page(
    client, site, home_page, english_home, english
):
    navigation = NavigationSettings.for_site(site)
    navigation.menu_items = [MainMenuItem(label="Beranda", link_page=home_page)]
    navigation.save()
    settings_row = SiteSettings.for_site(site)
    settings_row.city_name = "Pemerintah Kota Binjai"
    settings_row.save()

    english_navigation = navigation.copy_for_translation(english)
    for item in english_navigation.menu_items.all():
        item.label, item.link_page = "Home", english_home
    english_navigation.save()
    english_settings = settings_row.copy_for_translation(english)
    english_settings.city_name = "City Government of Binjai"
    english_settings.save()

    indonesian = page(client, "/")
    assert [a.get_text() for a in indonesian.select(".main-nav__list a")] == ["Beranda"]
    assert "Pemerintah Kota Binjai" in indonesian.select_one(".brand__name").get_text()
    html = page(client, "/en/")
    assert [(a.get_text(), a["href"]) for a in html.select(".main-nav__list a")] == [("Home", "/en/")]
    assert html.select_one(".brand__name").get_text() == "City Government of Binjai"
    assert "City Government of Binjai" in html.select_one("footer").get_text()


def test_english_falls_back_to_the_default_settings_until_they_are_translated(client, site, english_home):
    settings_row = SiteSettings.for_site(site)
    settings_row.city_name = "Pemerintah Kota Binjai"
    settings_row.save()
    assert page(client, "/en/").select_one(".brand__name").get_text() == "Pemerintah Kota Binjai"


def test_announcements_in_english_or_indonesian_until_translated(client, english_home, english):
    translated = Announcement.objects.create(title="Pemeliharaan server")
    english_version = translated.copy_for_translation(english)
    english_version.title = "Server maintenance"
    english_version.save()
    Announcement.objects.create(title="Libur nasional")
    indonesian = {h.get_text(strip=True) for h in page(client, "/").select(".announcement h3")}
    assert indonesian == {"Pemeliharaan server", "Libur nasional"}
    english_titles = {h.get_text(strip=True) for h in page(client, "/en/").select(".announcement h3")}
    assert english_titles == {"Server maintenance", "Libur nasional"}


def test_search_shows_the_pages_of_the_language_being_read(client, news_index, english_news, english):
    article = NewsPageFactory(parent=news_index, title="Jembatan Bingai diperbaiki", slug="jembatan")
    translate(article, english, title="Bingai bridge jembatan repaired", slug="bridge")
    indonesian = [
        a.get_text(strip=True) for a in page(client, "/cari/?q=jembatan").select(".search-result h2 a")
    ]
    english_results = [
        a.get_text(strip=True)
        for a in page(client, "/cari/?q=jembatan", language="en").select(".search-result h2 a")
    ]
    assert indonesian == ["Jembatan Bingai diperbaiki"]
    assert english_results == ["Bingai bridge jembatan repaired"]
    assert NewsPage.objects.filter(slug="bridge").exists()
