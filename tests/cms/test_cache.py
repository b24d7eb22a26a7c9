"""The anonymous page cache (cms/cache.py): hits, invalidation, and what must never be shared."""

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from wagtail import urls as wagtail_urls

from cms import views as cms_views
from home.models import SiteSettings
from tests.factories import AnnouncementFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


# --- A test-only URLconf (``@pytest.mark.urls(__name__)``) with views the site does not have ---


def form_with_token(request):
    template = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    return HttpResponse(template.render({}, request))


def private_view(request):
    response = HttpResponse("pribadi")
    response["Cache-Control"] = "private"
    return response


def message_view(request):
    from django.contrib import messages

    messages.info(request, "Tersimpan")
    return HttpResponse("ada pesan")


urlpatterns = [
    path("uji/formulir/", form_with_token),
    path("uji/pribadi/", private_view),
    path("uji/pesan/", message_view),
    path("bahasa/<str:language>/", cms_views.switch_language, name="switch_language"),
    path("", include(wagtail_urls)),
]


@pytest.fixture(autouse=True)
def _settings_rows(site):
    """Site settings rows exist, as on any site that has served a page.

    The first visit ever creates them (``for_site`` is get-or-create), and saving them rightly
    empties the cache, which would make the very first "miss, then hit" look like a double miss.
    """
    from home.models import NavigationSettings

    SiteSettings.for_site(site)
    NavigationSettings.for_site(site)


def get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_second_anonymous_request_is_served_from_the_cache(client, home_page):
    first = get(client, "/")
    assert first["X-Cache"] == "miss"
    second = get(client, "/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    vary = {v.strip() for v in second["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary


def test_query_strings_are_cached_separately(client, news_index):
    assert get(client, "/berita/")["X-Cache"] == "miss"
    assert get(client, "/berita/?tahun=2024")["X-Cache"] == "miss"
    assert get(client, "/berita/?tahun=2024")["X-Cache"] == "hit"


def test_publishing_a_page_invalidates_the_cache(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Judul pertama")
    get(client, "/berita/")
    assert get(client, "/berita/")["X-Cache"] == "hit"
    article.title = "Judul diperbarui"
    article.save_revision().publish()
    response = get(client, "/berita/")
    assert response["X-Cache"] == "miss"
    assert "Judul diperbarui" in response.content.decode()


def test_unpublishing_a_page_invalidates_the_cache(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Akan ditarik")
    assert "Akan ditarik" in get(client, "/").content.decode()
    assert get(client, "/")["X-Cache"] == "hit"
    article.unpublish()
    response = get(client, "/")
    assert response["X-Cache"] == "miss"
    assert "Akan ditarik" not in response.content.decode()


def test_editing_site_settings_invalidates_the_cache(client, site, home_page):
    get(client, "/")
    assert get(client, "/")["X-Cache"] == "hit"
    settings = SiteSettings.for_site(site)
    settings.city_name = "Kota Binjai Baru"
    settings.save()
    response = get(client, "/")
    assert response["X-Cache"] == "miss"
    assert "Kota Binjai Baru" in response.content.decode()


def test_saving_an_announcement_invalidates_the_cache(client, home_page):
    get(client, "/")
    assert get(client, "/")["X-Cache"] == "hit"
    AnnouncementFactory(title="Jalan ditutup sementara")
    response = get(client, "/")
    assert response["X-Cache"] == "miss"
    assert "Jalan ditutup sementara" in response.content.decode()


def test_deleting_an_announcement_invalidates_the_cache(client, home_page):
    announcement = AnnouncementFactory(title="Segera dihapus")
    get(client, "/")
    assert get(client, "/")["X-Cache"] == "hit"
    announcement.delete()
    response = get(client, "/")
    assert response["X-Cache"] == "miss"
    assert "Segera dihapus" not in response.content.decode()


def test_bookkeeping_while_serving_pages_does_not_empty_the_cache(client, news_index):
    from tests.factories import ImageFactory

    NewsPageFactory(parent=news_index, hero_image=ImageFactory())
    get(client, "/")  # creates the renditions
    assert get(client, "/")["X-Cache"] == "hit"
    get(client, "/berita/")  # more renditions
    get(client, "/cari/", data={"q": "berita"})  # a search query and its daily hit count
    assert get(client, "/")["X-Cache"] == "hit"


def test_logged_in_users_are_never_cached_nor_served_the_cache(client, superuser, home_page):
    get(client, "/")
    assert get(client, "/")["X-Cache"] == "hit"  # anonymous entry exists
    client.force_login(superuser)
    for _ in range(2):
        response = get(client, "/")
        assert "X-Cache" not in response
        assert "wagtail-userbar" in response.content.decode()  # the editor's own view
    client.logout()
    # The editor's visits stored nothing: the anonymous entry is still the plain page.
    anonymous = get(client, "/")
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_logged_in_view_does_not_fill_the_cache(client, superuser, home_page):
    client.force_login(superuser)
    get(client, "/")
    client.logout()
    assert get(client, "/")["X-Cache"] == "miss"


@pytest.mark.urls(__name__)
def test_responses_with_a_csrf_token_are_never_cached(client, home_page):
    for _ in range(2):
        response = get(client, "/uji/formulir/")
        assert "X-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()
    # Even when the visitor already has a CSRF cookie (so no new cookie is set).
    client.cookies["csrftoken"] = "a" * 32
    for _ in range(2):
        assert "X-Cache" not in get(client, "/uji/formulir/")


@pytest.mark.urls(__name__)
def test_private_responses_and_flash_messages_are_never_cached(client, home_page):
    for url in ("/uji/pribadi/", "/uji/pesan/"):
        get(client, url)
        assert "X-Cache" not in get(client, url), url


def test_admin_login_page_is_never_cached(client):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_not_found_pages_are_not_cached(client, home_page):
    for _ in range(2):
        response = client.get("/tidak-ada/")
        assert response.status_code == 404
        assert "X-Cache" not in response


def test_languages_get_separate_cache_entries(client, home_page):
    from wagtail.models import Locale

    english_home = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english_home.save_revision().publish()
    english = get(client, "/en/")
    assert english["X-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    indonesian = get(client, "/")
    assert indonesian["X-Cache"] == "miss"
    assert '<html lang="id">' in indonesian.content.decode()
    assert get(client, "/en/")["X-Cache"] == "hit"
    # A page's language is its address: the cookie neither splits nor changes its entry.
    client.cookies["bahasa"] = "en"
    again = get(client, "/")
    assert again["X-Cache"] == "hit"
    assert '<html lang="id">' in again.content.decode()


def test_shared_addresses_are_cached_per_interface_language(client, home_page):
    client.cookies["bahasa"] = "en"
    assert get(client, "/cari/")["X-Cache"] == "miss"
    client.cookies["bahasa"] = "id"
    indonesian = get(client, "/cari/")
    assert indonesian["X-Cache"] == "miss"
    assert '<html lang="id">' in indonesian.content.decode()
    client.cookies["bahasa"] = "en"
    again = get(client, "/cari/")
    assert again["X-Cache"] == "hit"
    assert '<html lang="en">' in again.content.decode()


def test_page_cache_can_be_turned_off(client, settings, home_page):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Cache" not in get(client, "/")


# --- Language switcher ---------------------------------------------------------------------


def test_language_switch_sets_the_cookie_and_returns(client, news_index):
    response = client.get("/bahasa/en/", {"next": "/berita/?tahun=2024"})
    assert response.status_code == 302
    assert response["Location"] == "/berita/?tahun=2024"
    cookie = response.cookies["bahasa"]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert "no-store" in response["Cache-Control"]
    # No English translation yet: the page stays; the cookie sets the shared addresses' language.
    assert '<html lang="id">' in client.get("/berita/?tahun=2024").content.decode()
    assert '<html lang="en">' in client.get("/cari/").content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/berita/",
        "http://evil.example",
        "javascript:alert(1)",
        "\\\\evil",
    ],
)
def test_language_switch_refuses_off_site_destinations(client, next_url):
    response = client.get("/bahasa/id/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["bahasa"].value == "id"


def test_language_switch_ignores_unknown_languages_and_posts(client):
    response = client.get("/bahasa/fr/", {"next": "/berita/"})
    assert response.status_code == 302
    assert response["Location"] == "/berita/"
    assert "bahasa" not in response.cookies
    assert client.post("/bahasa/en/").status_code == 405


def max_age_view(request):
    response = HttpResponse("sebentar")
    response["Cache-Control"] = "public, max-age=0"
    return response


urlpatterns.insert(0, path("uji/max-age/", max_age_view))


@pytest.mark.urls(__name__)
def test_a_view_asking_for_a_shorter_life_is_not_kept_longer(client):
    get(client, "/uji/max-age/")
    assert get(client, "/uji/max-age/").get("X-Cache") != "hit"
