"""What visitors and staff read: the admin's city branding and Indonesian strings, coloured
status tags in a 1280 px inbox, the site map page, the tiles' icons and search results."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import _ensure_home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-staf-42"  # noqa: S105 - a test account's password


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("[name=username]").fill(username)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base_url + reverse("wagtailadmin_home"))


def staff_user(username: str, group: str):
    from tests.factories import UserFactory

    user = UserFactory(username=username, is_staff=True, groups=[group])
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_admin_shows_the_city_and_speaks_indonesian(live_server, page):
    from tests.factories import UserFactory

    _ensure_home_page()
    # A superuser: the data migration's groups and their permissions are gone after the flush.
    admin = UserFactory(username="admin.uji", is_staff=True, is_superuser=True)
    admin.set_password(PASSWORD)
    admin.save(update_fields=["password"])
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    expect(page.locator("h1")).to_have_text("Masuk ke portal Pemerintah Kota Binjai")
    expect(page).to_have_title("Masuk - Pemerintah Kota Binjai")
    expect(page.locator(".login-logo")).to_contain_text("Pemerintah Kota Binjai")

    log_in(page, live_server.url, "admin.uji")
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("img", name="Pemerintah Kota Binjai")).to_be_visible()
    expect(sidebar).to_contain_text("Laporan")
    expect(sidebar).to_contain_text("Bantuan")
    expect(sidebar).not_to_contain_text("Reports")
    expect(sidebar).not_to_contain_text("Help")
    # No avatar is fetched from a third party.
    sources = page.eval_on_selector_all("img", "images => images.map(i => i.src)")
    assert not [src for src in sources if "gravatar" in src]


def test_inbox_at_1280_px_colours_states_and_shows_every_column(live_server, browser):
    from smartcity.complaints.models import Complaint
    from tests.complaints.factories import ComplaintFactory, load_reference_data

    load_reference_data()
    _ensure_home_page()
    staff_user("meja.uji", "Case supervisors")
    long_title = "Jalan berlubang cukup dalam di depan sekolah dasar negeri dekat simpang empat pasar"
    for status in (Complaint.Status.RECEIVED, Complaint.Status.IN_PROGRESS, Complaint.Status.RESOLVED):
        ComplaintFactory(status=status, title=long_title)
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        log_in(page, live_server.url, "meja.uji")
        page.goto(live_server.url + reverse("complaints_admin:index"))
        tags = page.locator("td .complaint-status")
        expect(tags).to_have_count(3)
        colours = {
            tags.nth(i).inner_text(): tags.nth(i).evaluate("e => getComputedStyle(e).backgroundColor")
            for i in range(3)
        }
        assert set(colours) == {"Diterima", "Sedang ditangani", "Selesai ditangani"}
        assert len(set(colours.values())) == 3, colours
        # Every column fits in the window: the table does not scroll sideways.
        table = page.locator("table.listing")
        widths = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
        assert widths[0] <= widths[1], widths
        for header in page.locator("table.listing thead th").all():
            box = header.bounding_box()
            assert box and box["x"] + box["width"] <= 1280, header.inner_text()
        # The subject takes at most two lines.
        subject = page.locator("td.complaint-col--subject .complaint-subject").first
        line_height = float(subject.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20"))
        assert subject.bounding_box()["height"] <= 2.2 * line_height
        expect(page.get_by_role("link", name="Unduh CSV")).to_be_visible()
        expect(page.get_by_role("link", name="Unduh XLSX")).to_be_visible()
    finally:
        context.close()


def test_footer_leads_to_the_site_map_for_people(portal, page):
    from wagtail.models import Site

    from home.models import FooterLink, NavigationSettings

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    FooterLink.objects.create(
        navigation=navigation, sort_order=9, label="Peta situs", link_url="/peta-situs/"
    )
    page.goto(portal())
    page.locator(".site-footer").get_by_role("link", name="Peta situs").click()
    expect(page.locator("h1")).to_have_text("Peta situs")
    site_map = page.locator(".site-map")
    expect(site_map.get_by_role("link", name="Berita", exact=True)).to_be_visible()
    expect(site_map.get_by_role("link", name="Pengaduan Warga")).to_be_visible()


def test_tiles_show_their_icons(portal, page):
    page.goto(portal())
    icons = page.locator(".tile-grid .tile img.tile__icon")
    expect(icons).to_have_count(2)
    for icon in icons.all():
        expect(icon).to_be_visible()
        assert icon.evaluate("i => i.complete && i.naturalWidth > 0")


def test_search_results_read_well(portal, page):
    from tests.factories import StandardPageFactory

    StandardPageFactory(
        parent=portal.home,
        title="Kontak",
        slug="kontak",
        body=[("paragraph", "<p><b>Kantor Wali Kota Binjai</b><br>Jl. Jenderal Sudirman No. 6</p>")],
    )
    page.goto(portal("/cari/?q=Sudirman"))
    result = page.locator("ol.search-results .search-result").first
    expect(result.locator(".search-result__type")).to_have_text("Halaman")
    expect(result.locator(".search-result__excerpt")).to_contain_text("Kantor Wali Kota Binjai Jl. Jenderal")
    page.goto(portal("/cari/?q=posyandu"))
    expect(page.locator(".search-result__type").first).to_have_text("Berita")
