"""The `seed_demo` command: a believable, idempotent Binjai portal on a freshly migrated database."""

import datetime

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, Revision, Site

from home.demo.content import DEFAULT_PASSWORD, DEMO_USERS, SERVICE_TILES
from home.models import (
    Announcement,
    FooterLink,
    HomePage,
    KeyFigure,
    MainMenuItem,
    NavigationSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    ServiceIndexPage,
    ServiceTile,
    SiteSettings,
    StandardPage,
)
from smartcity.core.models import Kecamatan, Kelurahan, StaffMember

from . import pytestmark, seed  # noqa: F401 - pytestmark marks this module


def block_types(page) -> list[str]:
    return [block.block_type for block in page.body]


def test_page_tree_is_served_at_the_expected_urls(seeded, client):
    for url in ["/", "/berita/", "/tentang/", "/layanan/"]:
        assert client.get(url).status_code == 200, url

    home = HomePage.objects.get(locale__language_code="id")
    news_index = NewsIndexPage.objects.get(locale__language_code="id")
    services = ServiceIndexPage.objects.get(locale__language_code="id")
    about = StandardPage.objects.get(slug="tentang")
    assert (news_index.title, news_index.url) == ("Berita", "/berita/")
    assert (services.title, services.url) == ("Layanan Online", "/layanan/")
    assert (about.title, about.url) == ("Tentang Binjai", "/tentang/")
    for page in (news_index, services, about):
        assert page.live and page.show_in_menus and page.get_parent().pk == home.pk
    for name in ["e-masyarakat", "e-appointment", "e-sippadu", "e-musrenbang", "e-budgeting", "PPID"]:
        assert name.lower() in (str(services.body) + services.intro).lower(), name

    children = {page.slug: page.specific for page in about.get_children().live()}
    assert {"sejarah", "visi-misi", "struktur-pemerintahan", "kontak", "peta-wilayah"} <= set(children)
    for child in children.values():
        assert client.get(child.url).status_code == 200, child.url
    assert any("accordion" in block_types(page) for page in children.values())
    assert any({"table", "call_to_action"} <= set(block_types(page)) for page in children.values())

    regions = client.get("/tentang/peta-wilayah/").content.decode()
    for name in Kelurahan.objects.values_list("name", flat=True):
        assert name in regions
    for name in Kecamatan.objects.values_list("name", flat=True):
        assert name in regions


def test_home_page_settings_menus_and_announcements(seeded, client):
    home = HomePage.objects.get(locale__language_code="id")
    assert home.live and home.hero_image is not None and home.hero_text
    assert home.hero_link_page.specific_class is ServiceIndexPage
    tiles = list(home.service_tiles.all())
    assert len(tiles) == 6
    assert {tile.icon for tile in tiles} <= {value for value, _ in ServiceTile.ICONS}
    # Each service's seeder links its tile to its page: no tile says "coming soon".
    linked = {tile.icon: tile.link_page.specific_class.__name__ for tile in tiles if tile.link_page}
    assert linked == {
        "complaint": "ComplaintPage",
        "calendar": "AppointmentPage",
        "permit": "PermitPage",
        "planning": "MusrenbangPage",
        "budget": "BudgetPage",
        "info": "TransparencyPage",
    }
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert "Segera hadir" not in page.get_text()
    # In the order the content gives, also after the tiles were linked in later revisions.
    assert [t.get_text(strip=True) for t in page.select(".tile__title")] == [t[0] for t in SERVICE_TILES]
    hrefs = [a["href"] for a in page.select(".tile__title a")]
    assert hrefs == [tile.link_page.url for tile in tiles]
    assert all(client.get(href).status_code == 200 for href in hrefs)
    # Every figure is counted from the records, none is typed in.
    assert all(figure.metric and not figure.value for figure in home.key_figures.all())
    figures = {figure.label: figure.display_value for figure in home.key_figures.all()}
    assert 4 <= len(figures) <= 6
    assert figures["Kecamatan"] == str(Kecamatan.objects.count()) == "5"
    assert figures["Kelurahan"] == str(Kelurahan.objects.count()) == "37"
    # Counted from the live service pages: the three below /layanan/ and e-musrenbang,
    # e-budgeting and PPID at the top of the site.
    assert figures["Layanan online"] == "6"
    # The hero picture carries no text of its own (the page's heading is written over it).
    from home.demo.images import DEMO_IMAGES

    hero_spec = next(spec for spec in DEMO_IMAGES if spec.title == home.hero_image.title)
    assert hero_spec.label == ""

    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk and site.site_name
    settings = SiteSettings.for_site(site)
    assert settings.city_name == "Pemerintah Kota Binjai"
    assert "Jl. Jenderal Sudirman No. 6" in settings.address
    assert settings.phone and settings.email and settings.office_hours and settings.social_links
    navigation = NavigationSettings.for_site(site)
    assert [item.label for item in navigation.menu_items.all()] == [
        "Beranda",
        "Berita",
        "Layanan",
        "Pengaduan",
        "Tentang",
    ]
    footer = {link.label: link.url for link in navigation.footer_links.all()}
    assert "/tentang/kontak/" in footer.values()
    # The footer links the site map for people, which is served.
    site_map = next(url for url in footer.values() if url.endswith("/peta-situs/"))
    assert client.get(site_map.removeprefix(site.root_url)).status_code == 200
    assert not any(url.endswith(".xml") for url in footer.values())

    current = list(Announcement.objects.current().filter(locale__language_code="id"))
    assert any(a.is_urgent for a in current) and any(not a.is_urgent for a in current)
    assert Announcement.objects.filter(locale__language_code="id").count() > len(current)  # one has expired

    page = client.get("/").content.decode()
    assert "Binjai Smart City" in page and "Pengaduan Warga" in page and "Jl. Jenderal Sudirman" in page


def test_news_articles_are_published_over_the_years(seeded, client):
    articles = list(
        NewsPage.objects.live()
        .filter(locale__language_code="id")
        .prefetch_related("categories", "tagged_items")
    )
    assert len(articles) >= 30
    years = {article.date.year for article in articles}
    assert len(years) >= 5 and min(years) == 2016 and max(years) <= 2026
    assert len({article.title for article in articles}) == len(articles)
    for article in articles:
        assert article.summary and article.hero_image_id and article.agency_id, article.slug
        assert 2 <= len(article.body) <= 5, article.slug
        assert 1 <= len(article.categories.all()) <= 2, article.slug
        assert article.tagged_items.all(), article.slug
        assert article.live_revision_id is not None, article.slug
        assert article.first_published_at.date() == article.date, article.slug
    body_types = {t for article in articles for t in block_types(article)}
    assert {"paragraph", "heading", "quote", "image"} <= body_types
    assert NewsCategory.objects.count() >= 8

    listing = client.get("/berita/?tahun=2019")
    assert listing.status_code == 200
    assert "Wagubsu Musa Rajekshah" in listing.content.decode()


def test_launch_and_vice_governor_visit_articles(seeded, client):
    launch = NewsPage.objects.get(date=datetime.date(2016, 12, 2), locale__language_code="id")
    text = str(launch.body)
    for fact in [
        "Idaham",
        "Erry Nuradi",
        "Jenderal Sudirman",
        "33 kabupaten/kota",
        "Surabaya",
        "Februari 2017",
        "Politeknik Negeri Medan",
        "Telkom Witel Medan",
        "e-sippadu",
    ]:
        assert fact in text, fact
    assert launch.agency.short_name == "Diskominfo"
    assert client.get(launch.url).status_code == 200

    visit = NewsPage.objects.get(date=datetime.date(2019, 1, 14), locale__language_code="id")
    assert "Musa Rajekshah" in visit.title
    assert "timur Indonesia" in str(visit.body)
    assert client.get(visit.url).status_code == 200


def test_english_version_of_the_portal(seeded, client):
    """With English chosen, menus, footer, settings, home page, about and services pages and the
    news categories are in English; untranslated articles are shown in Indonesian with a note."""
    from bs4 import BeautifulSoup

    def html(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return BeautifulSoup(response.content, "html.parser")

    home = html("/en/")
    assert home.html["lang"] == "en"
    assert [a.get_text(strip=True) for a in home.select(".main-nav__list a")] == [
        "Home",
        "News",
        "Services",
        "Complaints",
        "About",
    ]
    assert home.select_one(".brand__name").get_text() == "City Government of Binjai"
    footer = home.select_one("footer").get_text(" ", strip=True)
    assert "North Sumatra" in footer and "Monday" in footer and "FAQ" in footer
    assert "The official portal of the City Government of Binjai" in home.select_one("main").get_text()
    tiles = [t.get_text(strip=True) for t in home.select(".tile__title")]
    assert "Citizen complaints" in tiles and "Permits" in tiles
    assert home.select_one(".tile__title a")["href"] == "/en/services/complaints/"
    announcements = [a.get_text(strip=True) for a in home.select(".announcement h3")]
    assert "Online services maintenance" in announcements
    figures = home.select_one("main").get_text()
    assert "Urban villages (kelurahan)" in figures

    for url, title in [
        ("/en/about/", "About Binjai"),
        ("/en/about/history/", "History of Binjai"),
        ("/en/about/contact/", "Contact"),
        ("/en/services/", "Online Services"),
        ("/en/services/complaints/", "Complaints and Ideas (e-masyarakat)"),
        ("/en/news/", "News"),
    ]:
        assert html(url).find("h1").get_text(strip=True) == title, url
    contact = html("/en/about/contact/")
    assert contact.select_one(".cta a")["href"].startswith("/en/")

    news = html("/en/news/")
    categories = [o.get_text(strip=True) for o in news.select("select[name=kategori] option")]
    assert "Government" in categories and "Pemerintahan" not in categories
    untranslated = news.select_one(".news-card[lang=id]")
    assert untranslated.select_one(".news-card__language").get_text() == "In Indonesian"
    article = html(untranslated.select_one("a")["href"])
    assert (
        article.select_one(".notice--language").get_text() == "This article is available only in Indonesian."
    )
    launch = html("/en/news/binjai-launches-five-e-government-applications/")
    assert launch.select_one(".notice--language") is None
    assert "Five applications at once" in launch.select_one("article").get_text()

    # The Indonesian site is unchanged.
    assert [a.get_text(strip=True) for a in html("/").select(".main-nav__list a")][0] == "Beranda"


def counts() -> dict[str, int]:
    models = [
        Page,
        Revision,
        PageLogEntry,
        get_image_model(),
        Collection,
        get_user_model(),
        get_user_model().groups.through,
        NewsCategory,
        NewsPageTag,
        Tag,
        Announcement,
        ServiceTile,
        KeyFigure,
        MainMenuItem,
        FooterLink,
        StaffMember,
        Site,
        SiteSettings,
        NavigationSettings,
    ]
    return {model._meta.label: model.objects.count() for model in models}


def test_second_run_changes_nothing(seeded):
    before = counts()
    latest = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    output = seed()
    assert counts() == before
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == latest
    assert "already present" in output and " created" not in output.replace("already present", "")


def test_demo_users_log_in_with_the_printed_password(seeded, client):
    for spec in DEMO_USERS:
        assert spec.username in seeded
    assert DEFAULT_PASSWORD in seeded
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    administrator = User.objects.get(username="administrator")
    assert administrator.is_staff and not administrator.is_superuser
    for username, group in [
        ("administrator", "Administrators"),
        ("moderator", "Moderators"),
        ("redaktur", "Communications editors"),
    ]:
        assert list(User.objects.get(username=username).groups.values_list("name", flat=True)) == [group]
    assert StaffMember.objects.filter(user__username="redaktur", agency__short_name="Diskominfo").exists()

    for spec in DEMO_USERS:
        client.logout()
        response = client.post("/admin/login/", {"username": spec.username, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302, spec.username
        assert client.get("/admin/").status_code == 200, spec.username


def test_password_option_and_quiet_output(seeded, client):
    assert seed("--password", "kata-sandi-lain-77", "--quiet") == ""
    assert Group.objects.get(name="Moderators").user_set.filter(username="moderator").exists()
    assert client.login(username="redaktur", password="kata-sandi-lain-77")
    # Running again with another password resets the accounts instead of creating new ones.
    users = get_user_model().objects.count()
    output = seed("--password", "kata-sandi-baru-88")
    assert "password reset" in output and "kata-sandi-baru-88" in output
    assert get_user_model().objects.count() == users
    assert client.login(username="redaktur", password="kata-sandi-baru-88")


def test_search_finds_a_word_from_an_article_body(seeded, client):
    launch = NewsPage.objects.get(slug="soft-launching-binjai-smart-city")
    assert "politeknik" not in (launch.title + launch.summary).lower()
    response = client.get("/cari/", {"q": "Politeknik"})
    assert response.status_code == 200
    assert launch.title in response.content.decode()


def test_images_are_generated_locally_in_the_demo_collection(seeded):
    images = get_image_model().objects.filter(collection__name="Demo")
    assert 10 <= images.count() <= 15
    assert {(image.width, image.height) for image in images} == {(1600, 900)}
    assert all(image.title for image in images)
