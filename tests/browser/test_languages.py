"""A visitor switches the portal to English and back: English is whole, or clearly marked absent."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_portal(portal):
    """The portal's home page, news index, menus, footer and settings translated into English;
    the articles are not (they stay Indonesian)."""
    from wagtail.models import Locale, Site

    from home.models import HomePage, NavigationSettings, SiteSettings

    english, _ = Locale.objects.get_or_create(language_code="en")
    site = Site.objects.get(is_default_site=True)

    home = portal.home.copy_for_translation(english)
    home.title, home.hero_title = "Home", "City Government of Binjai"
    home.hero_text = "The city's public services in your hand."
    home.save()
    news = portal.news_index.copy_for_translation(english)
    news.title, news.slug = "News", "news"
    news.save()
    news.save_revision().publish()
    complaints = portal.complaint_page.copy_for_translation(english)
    complaints.title, complaints.slug = "Citizen complaints", "complaints"
    complaints.save()
    complaints.save_revision().publish()

    home = HomePage.objects.get(
        pk=home.pk
    )  # with its new children counted (publishing saves the tree fields)
    tiles = list(home.service_tiles.all())
    tiles[0].title, tiles[0].description, tiles[0].link_page = "Complaints", "Report a problem.", complaints
    tiles[1].title, tiles[1].description = "Business permits", "Apply for a permit online."
    home.service_tiles = tiles
    home.save_revision().publish()

    navigation = NavigationSettings.for_site(site).copy_for_translation(english)
    labels = {"Berita": ("News", news), "Pengaduan": ("Complaints", complaints)}
    for item in [*navigation.menu_items.all(), *navigation.footer_links.all()]:
        item.label, item.link_page = labels[item.label]
    navigation.save()
    settings = SiteSettings.for_site(site).copy_for_translation(english)
    settings.city_name, settings.tagline = "City Government of Binjai", "Serving you closer"
    settings.address = "Jl. Jenderal Sudirman No. 6\nBinjai, North Sumatra"
    settings.save()
    return portal


def test_switch_to_english_read_an_untranslated_article_and_switch_back(page, english_portal):
    portal = english_portal
    page.goto(portal("/"))
    html = page.locator("html")
    switcher = page.locator("nav.language-switcher")
    expect(html).to_have_attribute("lang", "id")
    expect(page.locator(".main-nav__list a")).to_have_text(["Berita", "Pengaduan"])

    switcher.get_by_role("link", name="English").click()
    expect(page).to_have_url(portal("/en/"))
    expect(html).to_have_attribute("lang", "en")
    expect(switcher.locator("[aria-current]")).to_have_text("English")
    # Menus, header, hero, tiles and footer are all English.
    expect(page.locator(".main-nav__list a")).to_have_text(["News", "Complaints"])
    expect(page.locator(".brand__name")).to_have_text("City Government of Binjai")
    expect(page.get_by_role("heading", level=1)).to_have_text("City Government of Binjai")
    expect(page.locator(".hero")).to_contain_text("The city's public services in your hand.")
    services = page.locator("section.services")
    expect(services.locator(".tile__title")).to_have_text(["Complaints", "Business permits"])
    expect(services.get_by_role("link", name="Complaints")).to_have_attribute("href", "/en/complaints/")
    footer = page.locator("footer")
    expect(footer).to_contain_text("North Sumatra")
    expect(footer.get_by_role("link", name="News")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Beranda")

    # An article nobody translated yet: Indonesian text, English site around it, and a note.
    latest = page.locator("section.latest-news")
    card = latest.locator(".news-card", has_text=portal.health_article.title)
    expect(card.locator(".news-card__language")).to_have_text("In Indonesian")
    card.get_by_role("link", name=portal.health_article.title).click()
    expect(page).to_have_url(portal("/en/news/posyandu-keliling/"))
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator(".notice--language")).to_have_text("This article is available only in Indonesian.")
    article = page.locator("article.article")
    expect(article).to_have_attribute("lang", "id")
    expect(article.get_by_role("heading", level=1)).to_have_text(portal.health_article.title)
    expect(page.locator(".main-nav__list a")).to_have_text(["News", "Complaints"])

    # Back to Indonesian: the same article at its Indonesian address, without the note.
    switcher.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page).to_have_url(portal("/berita/posyandu-keliling/"))
    expect(html).to_have_attribute("lang", "id")
    expect(page.locator(".notice--language")).to_have_count(0)
    expect(page.locator(".main-nav__list a")).to_have_text(["Berita", "Pengaduan"])
