"""Data cached between requests (site, settings, header/footer, flags) follows every change.

These caches sit under the page cache, so the page cache is turned off here to see them alone.
"""

import pytest
from wagtail.models import PageViewRestriction, Site

from home.models import MainMenuItem, NavigationSettings, SiteSettings
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings, site):
    settings.PAGE_CACHE_SECONDS = 0
    # The first visit ever creates these rows, which itself counts as a change; create them
    # up front so that each test sees only the change it makes.
    SiteSettings.for_site(site)
    NavigationSettings.for_site(site)


def html(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_main_menu_change_shows_on_the_next_request(client, site, news_index):
    navigation = NavigationSettings.for_site(site)
    item = MainMenuItem.objects.create(navigation=navigation, label="Kabar Kota", link_page=news_index)
    assert "Kabar Kota" in html(client)
    item.label = "Warta Binjai"
    item.save()
    page = html(client)
    assert "Warta Binjai" in page and "Kabar Kota" not in page


def test_site_settings_change_shows_in_header_and_footer(client, site, home_page):
    settings_row = SiteSettings.for_site(site)
    settings_row.phone = "(061) 111111"
    settings_row.save()
    assert "(061) 111111" in html(client)
    settings_row.phone = "(061) 222222"
    settings_row.city_name = "Pemko Binjai Uji"
    settings_row.save()
    page = html(client)
    assert "(061) 222222" in page and "(061) 111111" not in page
    assert page.count("Pemko Binjai Uji") >= 2  # header brand and footer


def test_active_menu_item_follows_the_current_section(client, site, home_page, news_index):
    navigation = NavigationSettings.for_site(site)
    MainMenuItem.objects.create(navigation=navigation, label="Berita", link_page=news_index)
    article = NewsPageFactory(parent=news_index)
    assert 'aria-current="page">Berita</a>' not in html(client, "/")
    assert 'aria-current="page">Berita</a>' in html(client, article.url)
    assert 'aria-current="page">Berita</a>' not in html(client, "/")


def test_a_new_view_restriction_hides_the_page_from_listings_at_once(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Rapat internal tertutup")
    assert "Rapat internal tertutup" in html(client, "/berita/")
    assert "Rapat internal tertutup" in html(client, "/")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert "Rapat internal tertutup" not in html(client, "/berita/")
    assert "Rapat internal tertutup" not in html(client, "/")
    assert client.get(article.url).status_code == 302  # to the login page


def test_site_changes_reach_the_cached_site_lookup(client, site, home_page, news_index):
    assert client.get("/berita/").status_code == 200
    other_root = news_index  # a site rooted at the news index serves it at "/"
    site.root_page = other_root
    site.save()
    assert Site.objects.get(pk=site.pk).root_page_id == other_root.pk
    response = client.get("/")
    assert response.status_code == 200
    assert 'class="filters"' in response.content.decode()  # the news index template


def test_disallowed_hosts_are_refused_before_any_lookup(client, settings):
    settings.ALLOWED_HOSTS = ["portal.binjaikota.go.id"]
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
