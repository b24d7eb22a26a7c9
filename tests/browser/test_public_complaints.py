"""The public side of a complaint in Chromium: its page, the map without any tiles, following it,
and nearby complaints on the form. The site's CSP is enforced; nothing may leave the live server.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import _ensure_home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def service(transactional_db, live_server, settings):
    """/layanan/pengaduan/ on a flushed database, without any map tiles."""
    from tests.complaints.factories import load_reference_data, make_complaint_page

    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person
    settings.MAP_TILE_URL = ""
    settings.MAP_PMTILES_URL = ""
    load_reference_data()
    return live_server.url, make_complaint_page(_ensure_home_page())


@pytest.fixture
def complaint(service):
    from smartcity.complaints.models import Complaint, ComplaintCategory, ComplaintEvent
    from smartcity.core.models import Kelurahan
    from tests.complaints.factories import PublicComplaintFactory

    complaint = PublicComplaintFactory(
        title="Lampu jalan padam di Jl. Samanhudi",
        category=ComplaintCategory.objects.get(slug="jalan-rusak"),
        kelurahan=Kelurahan.objects.get(name="Tanah Tinggi"),
        reporter_name="Rahmat Hidayatullah",
        reporter_email="rahmat.rahasia@example.com",
        latitude=Decimal("3.604321"),
        longitude=Decimal("98.502345"),
        status=Complaint.Status.ASSIGNED,
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.CREATED, to_status="received", is_public=True, by_citizen=True
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.REPLY, note="Tim akan memeriksa lokasi besok pagi.", is_public=True
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.NOTE, note="Catatan internal untuk PUPR.", is_public=False
    )
    return complaint


def _only_local_requests(page, base_url: str) -> list[str]:
    """Collect every request that leaves the live server (tiles, CDNs...)."""
    outside: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith(base_url) else outside.append(request.url)
    )
    return outside


def test_the_public_complaint_page_reads_correctly(service, complaint, page):
    base_url, service_page = service
    page.goto(base_url + service_page.url + "daftar/")
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.locator("h1")).to_have_text(complaint.title)
    facts = page.locator(".case-facts")
    expect(facts).to_contain_text("Diteruskan ke OPD")  # "Assigned to an agency"
    expect(facts).to_contain_text("Tanah Tinggi")
    expect(facts).to_contain_text(complaint.agency.name)
    expect(facts).to_contain_text("0 orang mengikuti pengaduan ini")
    expect(page.locator(".timeline")).to_contain_text("Tim akan memeriksa lokasi besok pagi.")
    body = page.locator("main").inner_text()
    assert "Catatan internal" not in body and "rahmat.rahasia" not in body and "Hidayatullah" not in body
    assert "3.604321" not in page.content()


def test_the_map_shows_kelurahan_names_and_a_legend_without_tiles(service, complaint, page):
    from tests.complaints.factories import PublicComplaintFactory

    base_url, service_page = service
    for _ in range(6):  # a dense spot: clustered
        PublicComplaintFactory(latitude=Decimal("3.580000"), longitude=Decimal("98.474000"))
    outside = _only_local_requests(page, base_url)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    page.goto(base_url + service_page.url + "daftar/?tampilan=peta")
    the_map = page.locator("[data-map-overview]")
    expect(the_map).to_be_visible()
    expect(the_map.locator(".kelurahan-label", has_text="Tanah Tinggi")).to_be_visible()
    expect(the_map.locator(".kelurahan-label", has_text="Binjai Estate")).to_have_count(1)
    expect(the_map.locator(".map-symbol--handling")).to_be_visible()  # the assigned complaint
    expect(the_map.locator(".marker-cluster", has_text="6")).to_be_visible()
    legend = page.locator(".map-legend")
    for label in ("Baru", "Dalam penanganan", "Selesai", "Ditolak"):
        expect(legend).to_contain_text(label)
    # The list alternative is folded away until asked for.
    expect(page.locator(".points-table")).to_be_hidden()
    page.locator(".map-alternative summary").click()
    expect(page.locator(".points-table")).to_contain_text(complaint.reference)
    assert page.evaluate("document.documentElement.scrollHeight") < 3000
    assert outside == [] and errors == []


def test_following_a_complaint_end_to_end(service, complaint, page):
    base_url, service_page = service
    page.goto(base_url + service_page.url + f"daftar/{complaint.reference}/")
    follow = page.locator("form[action$='/ikuti/']")
    expect(follow.get_by_label("Alamat e-mail atau nomor ponsel Anda")).to_be_visible()
    follow.locator("[name=contact]").fill("tetangga.sebelah@example.com")
    follow.locator("button[type=submit]").click()
    expect(page.locator(".notices")).to_contain_text("tautan konfirmasi")

    to_neighbour = [m for m in mail.outbox if m.to == ["tetangga.sebelah@example.com"]]
    assert len(to_neighbour) == 1
    link = re.search(r"http://\S+/ikuti/konfirmasi/\S+/", to_neighbour[0].body).group(0)
    assert link.startswith(base_url)
    page.goto(link)
    page.get_by_role("button", name="Ya, kirimkan kabar terbarunya").click()
    expect(page.locator("h1")).to_have_text(complaint.title)
    expect(page.locator(".case-facts")).to_contain_text("1 orang mengikuti pengaduan ini")
    page.goto(base_url + service_page.url + "daftar/")
    row = page.locator("tr", has=page.get_by_role("link", name=complaint.reference))
    expect(row.locator("td").last).to_have_text("1")


def test_following_a_complaint_by_phone(service, complaint, axe_page):
    """A mobile number instead of an e-mail: a code arrives by SMS and is typed on the page."""
    from smartcity.core import sms

    from .test_accessibility import describe, run_axe

    page = axe_page
    page.set_viewport_size({"width": 390, "height": 900})
    base_url, service_page = service
    page.goto(base_url + service_page.url + f"daftar/{complaint.reference}/")
    follow = page.locator("form[action$='/ikuti/']")
    follow.get_by_label("Alamat e-mail atau nomor ponsel Anda").fill("0812 7777 6666")
    follow.locator("button[type=submit]").click()
    expect(page.locator(".notices")).to_contain_text("kode melalui SMS")
    [text] = [t for t in sms.outbox if t.to == "+6281277776666"]
    code = re.match(r"([0-9A-Z]{6}) ", text.body).group(1)

    code_form = page.locator("form[action$='/ikuti/kode/']")
    expect(code_form).to_contain_text(re.compile(r"\+6281•+666\."))
    found = [v for v in run_axe(page) if v["impact"] in {"moderate", "serious", "critical"}]
    assert not found, describe(found)
    code_form.get_by_label("Kode dari SMS").fill("ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY")
    code_form.get_by_role("button", name="Konfirmasi").click()
    expect(page.locator("#error-summary")).to_contain_text("Kode ini tidak benar")
    page.locator("form[action$='/ikuti/kode/']").get_by_label("Kode dari SMS").fill(code.lower())
    page.locator("form[action$='/ikuti/kode/']").get_by_role("button", name="Konfirmasi").click()
    expect(page.locator(".notices")).to_contain_text("Terkonfirmasi")
    expect(page.locator(".case-facts")).to_contain_text("1 orang mengikuti pengaduan ini")
    expect(page.locator("form[action$='/ikuti/kode/']")).to_have_count(0)


def test_the_form_shows_open_complaints_nearby(service, complaint, page):
    base_url, service_page = service
    page.goto(base_url + service_page.url)
    nearby = page.locator("[data-nearby]")
    form = page.locator("form.complaint-form")
    form.locator("[name=category]").select_option(str(complaint.category.pk))
    expect(nearby).to_be_hidden()  # a category alone is no place yet
    form.locator("[name=latitude]").fill("3.6045")
    form.locator("[name=longitude]").fill("98.5021")
    form.locator("[name=longitude]").dispatch_event("change")
    expect(nearby).to_be_visible()
    expect(nearby.get_by_role("link", name=re.compile(complaint.reference))).to_be_visible()
    expect(nearby).to_contain_text("Tanah Tinggi")
    # Another category: nothing to follow there.
    other = page.locator("[name=category] option:not([value=''])").evaluate_all(
        "(options, pk) => options.map((o) => o.value).find((v) => v !== pk)", str(complaint.category.pk)
    )
    form.locator("[name=category]").select_option(other)
    expect(nearby).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_new_public_pages_pass_axe(service, complaint, axe_page, width):
    """The complaint page, the map with its legend, the form with nearby complaints and the
    follower link page: no axe-core finding of moderate impact or above."""
    from smartcity.core.models import CaseFollower

    from .test_accessibility import describe, run_axe

    base_url, service_page = service
    follower = CaseFollower.objects.create(case=complaint, contact="t@example.com")
    from smartcity.core.followers import confirm_token

    axe_page.set_viewport_size({"width": width, "height": 900})
    problems = []
    pages = [
        f"daftar/{complaint.reference}/",
        "daftar/?tampilan=peta",
        f"ikuti/konfirmasi/{confirm_token(follower)}/",
    ]
    for path in pages:
        axe_page.goto(base_url + service_page.url + path)
        if "peta" in path:
            expect(axe_page.locator(".kelurahan-label").first).to_be_visible()
        found = [v for v in run_axe(axe_page) if v["impact"] in {"moderate", "serious", "critical"}]
        if found:
            problems.append(f"{path}:\n{describe(found)}")
    axe_page.goto(base_url + service_page.url)
    axe_page.locator("[name=category]").select_option(str(complaint.category.pk))
    axe_page.locator("[name=kelurahan]").select_option(str(complaint.kelurahan.pk))
    expect(axe_page.locator("[data-nearby]")).to_be_visible()
    found = [v for v in run_axe(axe_page) if v["impact"] in {"moderate", "serious", "critical"}]
    if found:
        problems.append(f"the form with nearby complaints:\n{describe(found)}")
    assert not problems, "\n".join(problems)
