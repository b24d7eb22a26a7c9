"""Staff create and edit every page type, snippet and setting through the Wagtail admin views."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from home.models import (
    Announcement,
    HomePage,
    NavigationSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ServiceIndexPage,
    SiteSettings,
    StandardPage,
)
from smartcity.core.models import Agency
from tests.factories import AnnouncementFactory, NewsCategoryFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def form_defaults(client, url, form_id):
    """The form's current values as the browser would submit them (hidden management forms too)."""
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id=form_id)


def submit_page_form(client, url, fields, publish=True):
    data = form_defaults(client, url, form_id="page-edit-form")
    for key, value in fields.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(url, data)


def body_data(heading, paragraph):
    return nested_form_data(
        {
            "body": streamfield(
                [
                    ("heading", {"text": heading, "level": "h2"}),
                    ("paragraph", rich_text(paragraph)),
                    ("quote", "Kutipan dari wali kota."),
                ]
            )
        }
    )


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def test_admin_creates_and_publishes_a_news_article(superuser_client, news_index):
    category = NewsCategoryFactory(name="Pemerintahan", slug="pemerintahan")
    agency = Agency.objects.get(slug="diskominfo")
    response = submit_page_form(
        superuser_client,
        add_url(NewsPage, news_index),
        {
            "title": "Rapat paripurna DPRD",
            "slug": "rapat-paripurna",
            "date": "2025-03-04",
            "summary": "DPRD mengesahkan APBD.",
            "author_name": "Humas",
            "agency": str(agency.pk),
            "categories": [str(category.pk)],
            "tags": "apbd, dprd",
            **body_data("Hasil rapat", "<p>APBD disahkan dengan suara bulat.</p>"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="rapat-paripurna")
    assert page.live
    assert page.get_parent().pk == news_index.pk
    assert page.date == datetime.date(2025, 3, 4)
    assert page.agency == agency
    assert list(page.categories.all()) == [category]
    assert sorted(t.name for t in page.tags.all()) == ["apbd", "dprd"]
    assert [b.block_type for b in page.body] == ["heading", "paragraph", "quote"]
    public = superuser_client.get(page.url).content.decode()
    assert "APBD disahkan dengan suara bulat." in public


def test_admin_news_article_requires_date_and_summary(superuser_client, news_index):
    response = submit_page_form(
        superuser_client,
        add_url(NewsPage, news_index),
        {
            "title": "Tanpa tanggal",
            "slug": "tanpa-tanggal",
            "date": "",
            "summary": "",
            **body_data("Judul", "<p>Isi</p>"),
        },
    )
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="tanpa-tanggal").exists()


def test_admin_edits_a_news_article(superuser_client, news_index):
    article = NewsPageFactory(parent=news_index, title="Judul lama", slug="judul")
    response = submit_page_form(
        superuser_client, edit_url(article), {"title": "Judul baru", **body_data("Baru", "<p>Teks baru.</p>")}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert "Teks baru." in str(article.body)


@pytest.mark.parametrize(
    ("model", "parent_name", "extra"),
    [
        (StandardPage, "home", {"intro": "Pengantar profil kota."}),
        (ServiceIndexPage, "home", {"intro": "Semua layanan daring."}),
        (NewsIndexPage, "home", {"intro": "Kabar terbaru."}),
        (StandardPage, "standard", {"intro": "Halaman anak."}),
    ],
)
def test_admin_creates_each_page_type(superuser_client, home_page, model, parent_name, extra):
    parent = home_page if parent_name == "home" else StandardPageFactory(parent=home_page, slug="induk")
    fields = {"title": f"Baru {model.__name__}", "slug": f"baru-{model._meta.model_name}", **extra}
    if model is not NewsIndexPage:
        fields.update(body_data("Bagian", "<p>Isi halaman baru.</p>"))
    response = submit_page_form(superuser_client, add_url(model, parent), fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = model.objects.get(slug=fields["slug"])
    assert page.live and page.get_parent().pk == parent.pk
    assert page.intro == extra["intro"]
    rendered = superuser_client.get(page.url)
    assert rendered.status_code == 200
    assert extra["intro"] in rendered.content.decode()


def test_admin_edits_the_home_page_with_tiles_and_figures(superuser_client, home_page):
    target = StandardPageFactory(parent=home_page, slug="pengaduan", title="Pengaduan")
    fields = {
        "hero_title": "Selamat datang di Binjai",
        "news_count": "4",
        **nested_form_data(
            {
                "service_tiles": {
                    "TOTAL_FORMS": "1",
                    "INITIAL_FORMS": "0",
                    "MIN_NUM_FORMS": "0",
                    "MAX_NUM_FORMS": "1000",
                    "0": {
                        "title": "Pengaduan",
                        "description": "Sampaikan keluhan",
                        "icon": "complaint",
                        "link_page": str(target.pk),
                        "ORDER": "0",
                        "DELETE": "",
                        "id": "",
                    },
                },
                "key_figures": {
                    "TOTAL_FORMS": "1",
                    "INITIAL_FORMS": "0",
                    "MIN_NUM_FORMS": "0",
                    "MAX_NUM_FORMS": "8",
                    "0": {
                        "value": "7",
                        "label": "Kecamatan",
                        "source": "",
                        "ORDER": "0",
                        "DELETE": "",
                        "id": "",
                    },
                },
            }
        ),
    }
    response = submit_page_form(superuser_client, edit_url(home_page), fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    home = HomePage.objects.get()
    assert home.hero_title == "Selamat datang di Binjai"
    assert home.news_count == 4
    assert [(t.title, t.link_page_id) for t in home.service_tiles.all()] == [("Pengaduan", target.pk)]
    assert [f.label for f in home.key_figures.all()] == ["Kecamatan"]


def test_second_home_page_cannot_be_added(superuser_client, root_page):
    response = superuser_client.get(add_url(HomePage, root_page))
    assert response.status_code in (302, 403)
    assert HomePage.objects.count() == 1


def test_news_article_cannot_be_added_outside_the_news_index(superuser_client, home_page):
    response = superuser_client.get(add_url(NewsPage, home_page))
    assert response.status_code in (302, 403)


def test_admin_edits_a_standard_page(superuser_client, home_page):
    page = StandardPageFactory(parent=home_page, title="Kontak", slug="kontak")
    fields = {"intro": "Hubungi kami.", **body_data("Alamat", "<p>Jl. Veteran</p>")}
    response = submit_page_form(superuser_client, edit_url(page), fields)
    assert response.status_code == 302
    assert "Jl. Veteran" in superuser_client.get(page.url).content.decode()
    assert Page.objects.get(pk=page.pk).specific.intro == "Hubungi kami."


# --- Snippets -------------------------------------------------------------------------------


def post_snippet(client, url, fields):
    data = form_defaults(client, url, form_id="w-editor-form")
    for key, value in fields.items():
        data[key] = value
    return client.post(url, data)


def test_admin_creates_and_edits_a_news_category(superuser_client):
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_home_newscategory:add"),
        {"name": "Smart City", "slug": "smart-city", "description": "Kota cerdas"},
    )
    assert response.status_code == 302
    category = NewsCategory.objects.get(slug="smart-city")
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_home_newscategory:edit", args=(category.pk,)),
        {"name": "Kota Cerdas"},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Kota Cerdas"
    listing = superuser_client.get(reverse("wagtailsnippets_home_newscategory:list"))
    assert "Kota Cerdas" in listing.content.decode()


def test_admin_creates_an_announcement_and_it_appears_on_the_home_page(superuser_client, client, home_page):
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_home_announcement:add"),
        {
            "title": "Pemadaman listrik",
            "text": "Pemadaman di Binjai Utara pukul 10.00.",
            "is_urgent": "on",
            "starts_at": "2024-01-01 08:00",
            "ends_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    announcement = Announcement.objects.get(title="Pemadaman listrik")
    assert announcement.is_urgent
    client.logout()
    assert "Pemadaman listrik" in client.get("/").content.decode()


def test_admin_rejects_an_announcement_ending_before_it_starts(superuser_client):
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_home_announcement:add"),
        {"title": "Terbalik", "starts_at": "2024-02-01 08:00", "ends_at": "2024-01-01 08:00"},
    )
    assert response.status_code == 200
    assert not Announcement.objects.filter(title="Terbalik").exists()


def test_admin_edits_an_announcement(superuser_client):
    announcement = AnnouncementFactory(title="Lama")
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_home_announcement:edit", args=(announcement.pk,)),
        {"title": "Diperbarui"},
    )
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.title == "Diperbarui"


def test_admin_creates_and_edits_an_agency_with_staff(superuser_client, superuser):
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_core_agency:add"),
        {
            "name": "Dinas Pariwisata",
            "short_name": "Dispar",
            "slug": "dispar",
            "kind": "dinas",
            "is_active": "on",
            "staff_members-TOTAL_FORMS": "1",
            "staff_members-0-name": "Siti",
            "staff_members-0-position": "Kepala Dinas",
            "staff_members-0-role": "head",
            "staff_members-0-user": str(superuser.pk),
            "staff_members-0-is_active": "on",
            "staff_members-0-ORDER": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(slug="dispar")
    members = [(m.name, m.role, m.user_id) for m in agency.staff_members.all()]
    assert members == [("Siti", "head", superuser.pk)]
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_core_agency:edit", args=(agency.pk,)),
        {"phone": "061-8821234"},
    )
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.phone == "061-8821234"


def test_admin_rejects_a_duplicate_agency_slug(superuser_client):
    response = post_snippet(
        superuser_client,
        reverse("wagtailsnippets_core_agency:add"),
        {"name": "Kominfo kedua", "short_name": "Kominfo2", "slug": "diskominfo", "kind": "dinas"},
    )
    assert response.status_code == 200
    assert not Agency.objects.filter(short_name="Kominfo2").exists()


# --- Settings -------------------------------------------------------------------------------


def settings_edit_url(model, site):
    """Settings are per site and language, edited as snippets under the Settings menu."""
    return reverse(f"wagtailsnippets_home_{model._meta.model_name}:edit", args=(model.for_site(site).pk,))


def test_admin_edits_site_settings_shown_in_the_footer(superuser_client, client, site, home_page):
    url = settings_edit_url(SiteSettings, site)
    response = post_snippet(
        superuser_client,
        url,
        {
            "city_name": "Pemkot Binjai",
            "tagline": "Binjai Cerdas",
            "address": "Jl. Jend. Sudirman No. 6",
            "phone": "061 882 1234",
            "email": "info@binjaikota.go.id",
            "facebook_url": "https://facebook.com/pemkotbinjai",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    settings = SiteSettings.for_site(site)
    assert settings.city_name == "Pemkot Binjai"
    client.logout()
    html = client.get("/").content.decode()
    assert "Pemkot Binjai" in html
    assert "Jl. Jend. Sudirman No. 6" in html
    assert 'href="tel:0618821234"' in html
    assert "https://facebook.com/pemkotbinjai" in html


def test_admin_edits_navigation_menu_and_footer_links(superuser_client, client, site, home_page):
    about = StandardPageFactory(parent=home_page, title="Profil", slug="profil")
    url = settings_edit_url(NavigationSettings, site)
    response = post_snippet(
        superuser_client,
        url,
        {
            "menu_items-TOTAL_FORMS": "2",
            "menu_items-0-label": "Profil kota",
            "menu_items-0-link_page": str(about.pk),
            "menu_items-0-link_url": "",
            "menu_items-0-ORDER": "0",
            "menu_items-1-label": "LAPOR!",
            "menu_items-1-link_page": "",
            "menu_items-1-link_url": "https://www.lapor.go.id/",
            "menu_items-1-ORDER": "1",
            "footer_links-TOTAL_FORMS": "1",
            "footer_links-0-label": "Kebijakan privasi",
            "footer_links-0-link_page": "",
            "footer_links-0-link_url": "https://binjaikota.go.id/privasi",
            "footer_links-0-ORDER": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    navigation = NavigationSettings.for_site(site)
    assert [i.label for i in navigation.menu_items.all()] == ["Profil kota", "LAPOR!"]
    client.logout()
    html = client.get(about.url).content.decode()
    assert f'<a href="{about.url}" aria-current="page">Profil kota</a>' in html
    assert '<a href="https://www.lapor.go.id/">LAPOR!</a>' in html
    assert '<a href="https://binjaikota.go.id/privasi">Kebijakan privasi</a>' in html


def test_navigation_item_needs_exactly_one_target(superuser_client, site, home_page):
    url = settings_edit_url(NavigationSettings, site)
    response = post_snippet(
        superuser_client,
        url,
        {
            "menu_items-TOTAL_FORMS": "1",
            "menu_items-0-label": "Kosong",
            "menu_items-0-link_page": "",
            "menu_items-0-link_url": "",
            "menu_items-0-ORDER": "0",
        },
    )
    assert response.status_code == 200
    assert not NavigationSettings.for_site(site).menu_items.exists()
