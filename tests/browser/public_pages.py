"""Every kind of public page, in the state a visitor can see it, for the page-wide browser checks.

``PUBLIC_PAGES`` is the one list the reflow and axe-core checks walk through
(test_public_pages.py). A new public page type, or a new route of a service page, is covered by
adding one ``PublicPage`` entry here (and, if it needs content, a row in ``build_public_site``);
test_public_page_coverage.py fails when a page model or route has no entry. For example, a
public complaint's own page would be
``PublicPage("public complaint", "{complaints}daftar/{public_reference}/", covers=(...))``.

The content is chosen to be hard on a narrow screen: long unbroken words, a long e-mail address
and URL, a wide content table, a complaint with history, replies and an attachment.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from playwright.sync_api import Page, expect

# Long values that a narrow layout must wrap rather than push off the screen.
LONG_WORD = "Penyelenggaraan-pelayanan-administrasi-kependudukan-terintegrasi"
LONG_URL = (
    "https://binjaikota.go.id/layanan/dokumen/peraturan-wali-kota-nomor-12-tahun-2025-tentang-pelayanan.pdf"
)
LONG_EMAIL = "pelapor.dengan.alamat.surel.yang.sangat.panjang@kelurahan-tanah-tinggi.example.com"
TRACKED_TITLE = f"Saluran air tersumbat di {LONG_WORD} Jl. Teuku Umar"


@dataclass
class PublicSite:
    """The live server's address and the paths ``PublicPage.path`` templates may use."""

    url: str
    paths: dict[str, str]
    tracked_reference: str = ""
    tracked_token: str = ""

    def __call__(self, path: str) -> str:
        return self.url + path.format(**self.paths)


@dataclass(frozen=True)
class PublicPage:
    """One public page type in one state.

    ``path`` is a template filled from ``PublicSite.paths`` (``{complaints}lacak/``); ``act``,
    when given, brings the loaded page into the state to check (a form sent with errors, a
    complaint filed). ``covers`` names what the entry stands for: page models as
    ``app_label.ModelName``, routes of a routable page as ``app_label.ModelName:route_name``,
    other views by their URL name (see test_public_page_coverage.py).
    """

    name: str
    path: str
    covers: tuple[str, ...] = ()
    status: int = 200
    act: Callable[[Page, PublicSite], None] | None = None


# --- Actions that bring a page into the state to check --------------------------------------------


def send_empty_complaint_form(page: Page, site: PublicSite) -> None:
    page.locator("form.complaint-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def file_complaint(page: Page, site: PublicSite) -> None:
    """Fill in and send the complaint form with long values; ends on the confirmation page."""
    from smartcity.complaints.models import ComplaintCategory
    from smartcity.core.models import Kelurahan

    form = page.locator("form.complaint-form")
    form.locator("[name=kind][value=pengaduan]").check()
    form.locator("[name=category]").select_option(str(ComplaintCategory.objects.order_by("pk").first().pk))
    form.locator("[name=title]").fill(f"Lampu jalan mati {LONG_WORD}")
    form.locator("[name=description]").fill(f"Lampu mati sejak seminggu. Lihat {LONG_URL}")
    form.locator("[name=kelurahan]").select_option(str(Kelurahan.objects.order_by("pk").first().pk))
    form.locator("[name=reporter_name]").fill("Siti Aminah Lubis")
    form.locator("[name=reporter_email]").fill(LONG_EMAIL)
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".confirmation")).to_be_visible()


def send_empty_tracking_form(page: Page, site: PublicSite) -> None:
    page.locator("form.track-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def open_tracked_case(page: Page, site: PublicSite) -> None:
    """Open the complaint with history, replies and an attachment through the tracking form."""
    form = page.locator("form.track-form")
    form.locator("[name=nomor]").fill(site.tracked_reference)
    form.locator("[name=token]").fill(site.tracked_token)
    form.locator("button[type=submit]").click()
    expect(page.locator("ol.timeline")).to_be_visible()


def send_bad_follow_form(page: Page, site: PublicSite) -> None:
    form = page.locator("form[action$='/ikuti/']")
    form.locator("[name=contact]").fill(f"{LONG_WORD}@")
    form.locator("button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()


def send_empty_proposal_form(page: Page, site: PublicSite) -> None:
    page.locator("form.proposal-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def send_proposal(page: Page, site: PublicSite) -> None:
    """Fill in and send the proposal form with long values; ends on "confirm your proposal"."""
    from smartcity.musrenbang.models import ActivityItem

    form = page.locator("form.proposal-form")
    form.locator("[name=kelurahan] option").nth(1).wait_for(state="attached")
    form.locator("[name=kelurahan]").select_option(index=1)
    form.locator("[name=title]").fill(f"Drainase {LONG_WORD}")
    form.locator("[name=problem]").fill(f"Tergenang setiap hujan. Lihat {LONG_URL}")
    form.locator("[name=beneficiaries]").fill("120")
    form.locator("[name=item]").select_option(str(ActivityItem.objects.order_by("pk").first().pk))
    form.locator("[name=volume]").fill("10")
    form.locator("[name=proposer_name]").fill("Siti Aminah Lubis")
    form.locator("[name=contact]").fill(LONG_EMAIL)
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".confirmation")).to_be_visible()


# --- The list ----------------------------------------------------------------------------------------


def send_empty_booking_form(page: Page, site: PublicSite) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def book_appointment(page: Page, site: PublicSite) -> None:
    """Choose the first free time and book it; ends on the booking's page."""
    page.locator(".slot a").first.click()
    page.locator("input[name=name]").fill(f"Siti {LONG_WORD}")
    page.locator("input[name=email]").fill("siti@example.com")
    page.locator("textarea[name=purpose]").fill(f"Perekaman KTP-el {LONG_WORD}")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".booking-code")).to_be_visible()


def open_move_page(page: Page, site: PublicSite) -> None:
    book_appointment(page, site)
    page.locator("a.button[href*='/pindah/']").click()
    expect(page.locator(".slot-calendar")).to_be_visible()


def send_empty_waitlist_form(page: Page, site: PublicSite) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def join_waitlist(page: Page, site: PublicSite) -> None:
    """From a service's calendar, join the waitlist of its full first day; ends on the entry page."""
    page.locator(".slot-day__waitlist a").first.click()
    page.locator("input[name=name]").fill(f"Siti {LONG_WORD}")
    page.locator("input[name=email]").fill(LONG_EMAIL)
    page.locator("textarea[name=purpose]").fill(f"Sidang {LONG_WORD}")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".waitlist-code")).to_be_visible()


# --- PPID ------------------------------------------------------------------------------------------


def send_empty_ppid_request(page: Page, site: PublicSite) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


_PPID_REQUESTS = itertools.count(1)


def request_information(page: Page, site: PublicSite) -> None:
    """Fill in and send the PPID request form; ends on the request's tracking page."""
    from tests.complaints.factories import png_upload

    page.goto(site("{ppid}permohonan/"))
    page.locator("input[name=name]").fill(f"Siti {LONG_WORD}")
    page.locator("input[name=nik]").fill("1275014501900001")
    page.locator("textarea[name=address]").fill("Jl. Sudirman No. 1, Binjai")
    page.locator("input[name=email]").fill("siti@example.com")
    page.locator("select[name=agency]").select_option(index=1)
    page.locator("textarea[name=information_wanted]").fill(f"Kontrak {LONG_WORD}")
    # A different request each time: the same form sent again in a session is the same request.
    page.locator("textarea[name=purpose]").fill(f"Liputan {next(_PPID_REQUESTS)}")
    page.locator("input[name=delivery][value=email]").check()
    upload = png_upload("ktp.png")
    page.locator("input[name=id_card]").set_input_files(
        files=[{"name": "ktp.png", "mimeType": "image/png", "buffer": upload.read()}]
    )
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".access-code")).to_be_visible()


PPID_ADMIN = "ppid.uji"  # the superuser who answers in the acts below (made by _ppid_page)


def _answer_tracked_request(page: Page, decision: str = "refused") -> str:
    from django.contrib.auth import get_user_model

    from smartcity.transparency import services
    from smartcity.transparency.models import InformationRequest

    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    request = InformationRequest.objects.get(reference=reference)
    admin = get_user_model().objects.get(username=PPID_ADMIN)
    services.answer(request, admin, decision, f"Ditolak: {LONG_WORD}", exemption_ground="17h")
    return reference


def open_ppid_objection(page: Page, site: PublicSite) -> None:
    request_information(page, site)
    _answer_tracked_request(page)
    page.reload()
    page.locator("a.button[href$='/keberatan/']").click()
    expect(page.locator("textarea[name=case_position]")).to_be_visible()


def open_ppid_dispute(page: Page, site: PublicSite) -> None:
    from django.contrib.auth import get_user_model

    from smartcity.transparency import services
    from smartcity.transparency.models import InformationRequest

    open_ppid_objection(page, site)
    page.locator("input[name=ground][value=a]").check()
    page.locator("textarea[name=case_position]").fill(f"Bukan rahasia pribadi {LONG_WORD}")
    page.locator("main form button[type=submit]").click()
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    admin = get_user_model().objects.get(username=PPID_ADMIN)
    services.answer_objection(
        InformationRequest.objects.get(reference=reference), admin, "rejected", "Dipertahankan."
    )
    page.reload()
    page.locator("a.button[href$='/sengketa/']").click()
    expect(page.locator("input[name=filed_on]")).to_be_visible()


def start_permit_application(page: Page, site: PublicSite) -> None:
    """Fill the research permit's form as a person; ends on the draft's page with its uploads."""
    page.locator("input[name=applicant_kind][value=person]").check()
    page.locator("input[name=applicant_name]").fill(f"Siti {LONG_WORD}")
    page.locator("input[name=nik]").fill("1275014101900001")
    page.locator("input[name=email]").fill(LONG_EMAIL)
    page.locator("input[name=address]").fill(f"Jl. {LONG_WORD} No. 5")
    page.locator("textarea[name=q_judul]").fill(f"Penelitian {LONG_WORD}")
    page.locator("input[name=q_lembaga]").fill("Universitas Sumatera Utara")
    page.locator("input[name=q_mulai]").fill("2027-03-01")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".application-reference")).to_be_visible()


def open_permit_survey(page: Page, site: PublicSite) -> None:
    """Open the issued application with its code, then its satisfaction survey."""
    page.locator("input[name=code]").fill(site.paths["permit_reference"])
    page.locator("input[name=token]").fill(site.paths["permit_token"])
    page.locator("main form button[type=submit]").click()
    page.locator("a[href$='/survei/']").click()
    expect(page.locator("input[name=facilities]").first).to_be_visible()


PUBLIC_PAGES: list[PublicPage] = [
    PublicPage("home", "/", covers=("home.HomePage",)),
    PublicPage("standard page", "{standard_page}", covers=("home.StandardPage",)),
    PublicPage("services index", "{services}", covers=("home.ServiceIndexPage",)),
    PublicPage("news index", "{news}", covers=("home.NewsIndexPage",)),
    PublicPage("news index, filtered", "{news}?kategori=kesehatan&tahun=2025"),
    PublicPage("news index, by tag", "{news}?tag=posyandu"),
    PublicPage("news article", "{article}", covers=("home.NewsPage",)),
    PublicPage("search with results", "/cari/?q=posyandu", covers=("search",)),
    PublicPage("search without results", "/cari/?q=xylofonqwerty"),
    PublicPage("site map for people", "/peta-situs/", covers=("site_map",)),
    PublicPage("not found", f"/halaman-yang-tidak-ada/{LONG_WORD}/", status=404),
    PublicPage(
        "complaint form", "{complaints}", covers=("complaints.ComplaintPage", "complaints.ComplaintPage:form")
    ),
    PublicPage("complaint form with errors", "{complaints}", act=send_empty_complaint_form),
    PublicPage(
        "complaint confirmation",
        "{complaints}",
        covers=("complaints.ComplaintPage:confirmation",),
        act=file_complaint,
    ),
    PublicPage("tracking form", "{complaints}lacak/", covers=("complaints.ComplaintPage:track",)),
    PublicPage("tracking form with errors", "{complaints}lacak/", act=send_empty_tracking_form),
    PublicPage(
        "tracking page with history, replies and attachments",
        "{complaints}lacak/",
        covers=("complaints.ComplaintPage:track_case",),
        act=open_tracked_case,
    ),
    PublicPage("public list", "{complaints}daftar/", covers=("complaints.ComplaintPage:list",)),
    PublicPage("public list, filtered", "{complaints}daftar/?status=verified&periode=30"),
    PublicPage("map", "{complaints}daftar/?tampilan=peta"),
    PublicPage("statistics", "{complaints}statistik/", covers=("complaints.ComplaintPage:statistics",)),
    PublicPage(
        "public complaint",
        "{complaints}daftar/{public_reference}/",
        covers=("complaints.ComplaintPage:public_case",),
    ),
    PublicPage(
        "public complaint, following with errors",
        "{complaints}daftar/{public_reference}/",
        # follow_code answers with this same page (its code form: see test_following_a_complaint_by_phone).
        covers=("complaints.ComplaintPage:follow", "complaints.ComplaintPage:follow_code"),
        act=send_bad_follow_form,
    ),
    PublicPage(
        "follower confirmation link",
        "{complaints}ikuti/konfirmasi/{follow_confirm_token}/",
        covers=("complaints.ComplaintPage:follow_confirm",),
    ),
    PublicPage(
        "unfollow link",
        "{complaints}ikuti/berhenti/{unfollow_token}/",
        covers=("complaints.ComplaintPage:follow_stop",),
    ),
    PublicPage("expired follower link", "{complaints}ikuti/konfirmasi/kedaluwarsa/", status=404),
    # e-appointment (janji temu)
    PublicPage(
        "appointment services",
        "{appointments}",
        covers=("appointments.AppointmentPage", "appointments.AppointmentPage:index"),
    ),
    PublicPage(
        "appointment service and its slots",
        "{appointments}ktp-el/",
        covers=("appointments.AppointmentPage:service",),
    ),
    PublicPage("booking form", "{appointments}ktp-el/pesan/", covers=("appointments.AppointmentPage:book",)),
    PublicPage(
        "booking form with errors", "{appointments}ktp-el/pesan/", status=200, act=send_empty_booking_form
    ),
    PublicPage("open a booking", "{appointments}kelola/", covers=("appointments.AppointmentPage:manage",)),
    PublicPage(
        "booked",
        "{appointments}ktp-el/",
        act=book_appointment,
        covers=("appointments.AppointmentPage:booking",),
    ),
    PublicPage(
        "moving a booking",
        "{appointments}ktp-el/",
        act=open_move_page,
        covers=("appointments.AppointmentPage:move",),
    ),
    PublicPage(
        "confirming attendance (the reminder's link)",
        "{appointments}kelola/konfirmasi/",
        covers=("appointments.AppointmentPage:confirm",),
    ),
    PublicPage(
        "waitlist form",
        "{appointments}sidang/daftar-tunggu/",
        covers=("appointments.AppointmentPage:waitlist_join",),
    ),
    PublicPage(
        "waitlist form with errors", "{appointments}sidang/daftar-tunggu/", act=send_empty_waitlist_form
    ),
    PublicPage(
        "open a waitlist entry",
        "{appointments}daftar-tunggu/buka/",
        covers=("appointments.AppointmentPage:waitlist_open",),
    ),
    PublicPage(
        "on the waitlist",
        "{appointments}sidang/",
        act=join_waitlist,
        covers=("appointments.AppointmentPage:waitlist_entry",),
    ),
    # PPID (public information)
    PublicPage(
        "public information list",
        "{ppid}",
        covers=("transparency.TransparencyPage", "transparency.TransparencyPage:index"),
    ),
    PublicPage("public information list, filtered", "{ppid}?klasifikasi=dikecualikan&tahun=2026"),
    PublicPage(
        "information request form", "{ppid}permohonan/", covers=("transparency.TransparencyPage:request",)
    ),
    PublicPage(
        "information request form with errors", "{ppid}permohonan/", status=200, act=send_empty_ppid_request
    ),
    PublicPage(
        "open an information request", "{ppid}lacak/", covers=("transparency.TransparencyPage:track",)
    ),
    PublicPage(
        "information request sent",
        "{ppid}",
        act=request_information,
        covers=("transparency.TransparencyPage:track_request",),
    ),
    PublicPage(
        "objection form",
        "{ppid}",
        act=open_ppid_objection,
        covers=("transparency.TransparencyPage:objection",),
    ),
    PublicPage(
        "dispute record form",
        "{ppid}",
        act=open_ppid_dispute,
        covers=("transparency.TransparencyPage:dispute",),
    ),
    PublicPage(
        "PPID yearly report",
        "{ppid}laporan/",
        covers=("transparency.TransparencyPage:reports", "transparency.TransparencyPage:report"),
    ),
    # e-musrenbang (/musrenbang/)
    PublicPage(
        "musrenbang overview",
        "{musrenbang}",
        covers=("musrenbang.MusrenbangPage", "musrenbang.MusrenbangPage:index"),
    ),
    PublicPage("proposal form", "{musrenbang}usul/", covers=("musrenbang.MusrenbangPage:form",)),
    PublicPage("proposal form with errors", "{musrenbang}usul/", status=200, act=send_empty_proposal_form),
    PublicPage(
        "proposal sent", "{musrenbang}usul/", act=send_proposal, covers=("musrenbang.MusrenbangPage:sent",)
    ),
    PublicPage("proposals", "{musrenbang}usulan/", covers=("musrenbang.MusrenbangPage:list",)),
    PublicPage("map of proposals", "{musrenbang}usulan/?tampilan=peta"),
    PublicPage(
        "one proposal with history",
        "{musrenbang}usulan/{musrenbang_reference}/",
        covers=("musrenbang.MusrenbangPage:proposal",),
    ),
    PublicPage(
        "proposal or support confirmation link",
        "{musrenbang}konfirmasi/{musrenbang_confirm_token}/",
        covers=("musrenbang.MusrenbangPage:confirm",),
    ),
    PublicPage(
        "stop proposal updates",
        "{musrenbang}berhenti/{musrenbang_stop_token}/",
        covers=("musrenbang.MusrenbangPage:stop",),
    ),
    PublicPage(
        "proposer fixes a returned proposal",
        "{musrenbang}perbaiki/{musrenbang_fix_token}/",
        covers=("musrenbang.MusrenbangPage:fix",),
    ),
    PublicPage("musrenbang results", "{musrenbang}hasil/", covers=("musrenbang.MusrenbangPage:results",)),
    PublicPage(
        "catalogue of standard activities",
        "{musrenbang}kamus/",
        covers=("musrenbang.MusrenbangPage:catalogue",),
    ),
    # e-sippadu (permits)
    PublicPage("permit catalogue", "{permits}", covers=("permits.PermitPage", "permits.PermitPage:index")),
    PublicPage("permit type", "{permits}jenis/izin-penelitian/", covers=("permits.PermitPage:type",)),
    PublicPage("permit eligibility check", "{permits}cek/", covers=("permits.PermitPage:eligibility",)),
    PublicPage("permit statistics", "{permits}statistik/", covers=("permits.PermitPage:statistics",)),
    PublicPage(
        "permit application form",
        "{permits}jenis/izin-penelitian/ajukan/",
        covers=("permits.PermitPage:apply",),
    ),
    PublicPage("open a permit application", "{permits}lacak/", covers=("permits.PermitPage:track",)),
    PublicPage(
        "draft permit application",
        "{permits}jenis/izin-penelitian/ajukan/",
        act=start_permit_application,
        covers=("permits.PermitPage:application",),
    ),
    PublicPage(
        "permit satisfaction survey",
        "{permits}lacak/",
        act=open_permit_survey,
        covers=("permits.PermitPage:survey",),
    ),
    PublicPage(
        "unknown permit code", "/verifikasi/kode-tidak-dikenal/", status=404, covers=("permit_verify",)
    ),
    # e-budgeting (APBD)
    PublicPage("city budget", "{budget}", covers=("budget.BudgetPage", "budget.BudgetPage:index")),
    PublicPage("budget year at a glance", "{budget}{budget_year}/", covers=("budget.BudgetPage:year",)),
    PublicPage("budget by agency", "{budget}{budget_year}/opd/", covers=("budget.BudgetPage:agencies",)),
    PublicPage(
        "an agency's budget",
        "{budget}{budget_year}/opd/{budget_agency}/",
        covers=("budget.BudgetPage:agency",),
    ),
    PublicPage(
        "a programme's budget",
        "{budget}{budget_year}/opd/{budget_agency}/{budget_program}/",
        covers=("budget.BudgetPage:program",),
    ),
    PublicPage(
        "an activity's budget",
        "{budget}{budget_year}/opd/{budget_agency}/{budget_program}/{budget_activity}/",
        covers=("budget.BudgetPage:activity",),
    ),
    PublicPage(
        "a sub-activity's budget",
        "{budget}{budget_year}/opd/{budget_agency}/{budget_program}/{budget_activity}/{budget_sub}/",
        covers=("budget.BudgetPage:sub_activity",),
    ),
    PublicPage("budget by type", "{budget}{budget_year}/jenis/", covers=("budget.BudgetPage:types",)),
    PublicPage(
        "budget by kecamatan", "{budget}{budget_year}/kecamatan/", covers=("budget.BudgetPage:kecamatan",)
    ),
    PublicPage(
        "budget comparisons", "{budget}{budget_year}/perbandingan/", covers=("budget.BudgetPage:comparison",)
    ),
]


# --- The content ---------------------------------------------------------------------------------


def _appointment_page(services_index):
    """/layanan/janji-temu/ with a service open around the clock (any test time has free slots)."""
    import datetime

    from smartcity.appointments.models import AppointmentPage, OpeningHours
    from tests.appointments.factories import BookableServiceFactory

    page = services_index.add_child(instance=AppointmentPage(title="Janji Temu", slug="janji-temu"))
    service = BookableServiceFactory(
        slug="ktp-el", name=f"Perekaman KTP-el {LONG_WORD}", hours=[], change_cutoff_hours=0
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(0, 0), closes_at=datetime.time(23, 30)
        )
    # One place at the last time of every day, the first day's taken: its waitlist is open.
    from smartcity.appointments import services
    from tests.appointments.factories import person

    hearing = BookableServiceFactory(slug="sidang", name=f"Sidang {LONG_WORD}", hours=[], capacity_per_slot=1)
    for weekday in range(7):
        OpeningHours.objects.create(
            service=hearing, weekday=weekday, opens_at=datetime.time(23, 0), closes_at=datetime.time(23, 30)
        )
    first = next(
        s for s in services.availability(hearing, datetime.date.min, datetime.date.max) if s.available
    )
    services.book(service=hearing, start=first.start, data=person(0), notify_citizen=False)
    return page


def _ppid_page(portal):
    """/ppid/ with a public and an exempt entry of the information list, and one agency."""
    from wagtail.models import Collection

    from smartcity.transparency.models import TransparencyPage
    from tests.factories import AgencyFactory, DocumentFactory, UserFactory
    from tests.transparency.factories import PublicInformationFactory, exempt_entry

    if Collection.get_first_root_node() is None:  # gone after an earlier transactional test's flush
        Collection.add_root(name="Root")
    UserFactory(username=PPID_ADMIN, is_superuser=True, is_staff=True)
    home = portal.news_index.get_parent()
    page = home.add_child(instance=TransparencyPage(title="PPID", slug="ppid", commission_contact=LONG_URL))
    agency = AgencyFactory(name=f"Dinas {LONG_WORD}")
    PublicInformationFactory(agency=agency, title=f"APBD {LONG_WORD}", document=DocumentFactory())
    exempt_entry(agency=agency, title="Rekam medis pegawai", consequence_test=f"Uji konsekuensi {LONG_WORD}")
    return page


def _musrenbang_page(home):
    """/musrenbang/ with a cycle in intake and one proposal that went through the deliberations."""
    import importlib
    from decimal import Decimal as D

    from smartcity.core import followers
    from smartcity.core.models import CaseFollower
    from smartcity.core.uploads import check_upload
    from smartcity.core.workflow import CITIZEN
    from smartcity.musrenbang import services
    from smartcity.musrenbang.models import Level, Phase
    from tests.complaints.factories import _RegistryWithoutPermissionSync, png_upload
    from tests.factories import UserFactory
    from tests.musrenbang.factories import ItemFactory, ceiling, facilitator, kelurahan, make_cycle, move_to
    from tests.musrenbang.test_public import make_page

    importlib.import_module("smartcity.musrenbang.migrations.0002_trigram_sectors_and_roles").load(
        _RegistryWithoutPermissionSync(), None
    )
    page = make_page(home)
    kel = kelurahan(0)
    cycle = make_cycle(Phase.INTAKE)
    ceiling(cycle, kel, "10000000")
    user = UserFactory(username="fasilitator.kelurahan", groups=["Musrenbang kelurahan facilitators"])
    facilitator(user, kel)
    item = ItemFactory(name=f"Rabat beton {LONG_WORD}")
    proposal = services.submit_proposal(
        cycle=cycle,
        by_staff=user,
        data={
            "title": f"Rabat beton {LONG_WORD}",
            "problem": f"Jalan rusak. {LONG_URL}",
            "item": item,
            "volume": D("40"),
            "kelurahan": kel,
            "latitude": D("3.6001"),
            "longitude": D("98.4851"),
            "beneficiaries": 300,
            "proposer_kind": "group",
            "proposer_name": "Siti Aminah",
            "proposer_group": f"Kelompok {LONG_WORD}",
        },
        uploads=[check_upload(png_upload("foto-jalan.png", size=(900, 600)))],
    ).proposal
    services.act(proposal, "verify", user, note=f"Lengkap. {LONG_WORD}")
    move_to(cycle, Phase.KELURAHAN)
    proposal.refresh_from_db()
    services.record_scores(proposal, Level.KELURAHAN, {c.pk: 4 for c in cycle.criteria.all()}, user)
    move_to(cycle, Phase.INTAKE)
    follower = CaseFollower.objects.create(case=proposal, contact=LONG_EMAIL)
    # A resident's proposal returned for fixes: the private link its proposer receives.
    returned = services.submit_proposal(
        cycle=cycle,
        data={
            "title": f"Drainase {LONG_WORD}",
            "problem": "Air tergenang.",
            "item": item,
            "volume": D("10"),
            "kelurahan": kel,
            "beneficiaries": 40,
            "proposer_name": "Budi",
            "proposer_email": "budi@example.com",
        },
    ).proposal
    services.PROPOSAL_WORKFLOW.apply(returned, "confirm", CITIZEN)
    event = services.act(returned, "return", user, note=f"Lengkapi volume. {LONG_WORD}")
    return {
        "page": page,
        "proposal": proposal,
        "confirm": followers.confirm_token(follower),
        "stop": followers.unfollow_token(follower),
        "fix": services.fix_token(returned, event),
    }


def _permit_page(services_index):
    """/layanan/perizinan/ with the demo catalogue of permit types."""
    from smartcity.permits.demo import seed_catalogue
    from smartcity.permits.models import PermitPage

    page = services_index.add_child(instance=PermitPage(title="Perizinan", slug="perizinan"))
    seed_catalogue()
    return page, _issued_permit_application()


def _issued_permit_application() -> tuple[str, str]:
    """An application whose permit was issued: its number and access code (for the survey)."""
    from django.contrib.auth import get_user_model

    from smartcity.core.workflow import CITIZEN
    from smartcity.permits import services
    from smartcity.permits.models import PermitType
    from smartcity.permits.workflow import APPLICATION_WORKFLOW
    from tests.permits.factories import PERSON, complete_documents

    users = get_user_model().objects
    verifier = users.create_superuser("loket-publik", "loket@example.com", "uji-rahasia")
    head = users.create_superuser("kadis-publik", "kadis@example.com", "uji-rahasia")
    result = services.start_draft(PermitType.objects.get(slug="izin-penelitian"), PERSON)
    application = result.application
    complete_documents(application)
    services.submit(application, CITIZEN)
    APPLICATION_WORKFLOW.apply(application, "verify", verifier)
    APPLICATION_WORKFLOW.apply(application, "recommend", verifier)
    services.approve(application, head)
    return application.reference, result.token


def _budget_page(home) -> tuple[str, dict]:
    """/anggaran/ with a small generated budget; the paths of one drill-down to a sub-activity."""
    from smartcity.budget.demo import SMALL, BudgetGenerator
    from smartcity.budget.models import BudgetLine, BudgetPage

    page = home.add_child(instance=BudgetPage(title="Anggaran Kota (APBD)", slug="anggaran"))
    page.save_revision().publish()
    generator = BudgetGenerator(SMALL)
    generator.run()
    line = (
        BudgetLine.objects.filter(version__fiscal_year__year=generator.year, category="expenditure")
        .select_related("agency", "sub_activity__activity__program")
        .order_by("pk")
        .first()
    )
    sub = line.sub_activity
    return page.url, {
        "budget_year": str(generator.year),
        "budget_agency": line.agency.slug,
        "budget_program": sub.activity.program.code.replace(".", "-"),
        "budget_activity": sub.activity.code.replace(".", "-"),
        "budget_sub": sub.code.replace(".", "-"),
    }


def build_public_site(portal) -> PublicSite:
    """Add to the browser tests' ``portal`` what the public page types need to show.

    A content page with every kind of block, the services index with e-masyarakat, public
    complaints (verified by the desk, so public under any publication rule), and one complaint
    with a history, a public reply, a citizen message and an attachment, opened by its code.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smartcity.complaints import services
    from smartcity.complaints.models import Complaint, ComplaintCategory
    from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
    from smartcity.core.models import Kelurahan
    from smartcity.core.uploads import check_upload
    from tests.complaints.factories import load_reference_data, make_complaint_page, png_upload
    from tests.factories import NewsPageFactory, StandardPageFactory, UserFactory

    load_reference_data()
    complaint_page = make_complaint_page(portal.home)
    desk = UserFactory(username="meja.pengaduan", is_staff=True, groups=["Case supervisors"])

    standard_page = StandardPageFactory(
        parent=portal.home,
        title="Tata cara pelayanan",
        slug="tata-cara",
        intro=f"{LONG_WORD}: semua yang perlu Anda ketahui.",
        body=[
            ("heading", {"text": "Persyaratan", "level": "h2"}),
            (
                "paragraph",
                f"<p>Unduh formulir di <a href='{LONG_URL}'>{LONG_URL}</a> atau hubungi {LONG_EMAIL}.</p>",
            ),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Jadwal pelayanan per kecamatan",
                    "data": [
                        ["Kecamatan", "Hari", "Jam buka", "Jam tutup", "Lokasi", "Petugas", "Telepon"],
                        [
                            "Binjai Kota",
                            "Senin–Jumat",
                            "08.00",
                            "16.00",
                            "Kantor Camat",
                            "Dinas Dukcapil",
                            "(061) 882 1234",
                        ],
                        [
                            "Binjai Utara",
                            "Senin–Kamis",
                            "08.00",
                            "15.00",
                            "Aula Kelurahan",
                            "Dinas Dukcapil",
                            "(061) 882 5678",
                        ],
                    ],
                },
            ),
            (
                "accordion",
                {
                    "title": "Tanya jawab",
                    "is_faq": False,
                    "items": [{"question": "Berapa biayanya?", "answer": "<p>Gratis.</p>"}],
                },
            ),
            ("quote", f"Pelayanan publik yang baik adalah hak warga. {LONG_WORD}."),
        ],
    )
    article = NewsPageFactory(
        parent=portal.news_index,
        title=f"Sosialisasi {LONG_WORD} di kelurahan",
        slug="sosialisasi-pelayanan",
        date=datetime.date(2025, 3, 14),
        summary=f"Dokumen lengkap di {LONG_URL}",
        body=[("paragraph", f"<p>Informasi: <a href='{LONG_URL}'>{LONG_URL}</a>.</p>")],
    )
    article.tags.add("posyandu")
    article.save_revision().publish()

    category = ComplaintCategory.objects.order_by("pk").first()
    kelurahan = Kelurahan.objects.order_by("pk").first()

    def submit(title: str, **extra) -> services.Submission:
        data = {
            "kind": Complaint.Kind.COMPLAINT,
            "category": category,
            "kelurahan": kelurahan,
            "title": title,
            "description": f"Sudah dua minggu tidak ditangani. Foto dan peta: {LONG_URL}",
            "address": f"Jl. Teuku Umar, {LONG_WORD}",
            "reporter_name": "Budi Santoso",
            "reporter_email": LONG_EMAIL,
        }
        uploads = extra.pop("uploads", [])
        data.update(extra)
        return services.submit_complaint(data=data, uploads=uploads)

    public_complaints = []
    for number, point in enumerate(
        [(Decimal("3.6001"), Decimal("98.4851")), (Decimal("3.6102"), Decimal("98.4923")), (None, None)]
    ):
        public = submit(f"Jalan berlubang nomor {number} {LONG_WORD}", latitude=point[0], longitude=point[1])
        public_complaints.append(public.complaint)
        COMPLAINT_WORKFLOW.apply(public.complaint, "verify", desk, note="Laporan lengkap.")
        services.add_staff_message(public.complaint, desk, f"Sudah dijadwalkan. {LONG_URL}", public=True)

    photo = SimpleUploadedFile(
        "foto-saluran-air-tersumbat-di-depan-rumah-warga.png", png_upload().read(), content_type="image/png"
    )
    tracked = submit(TRACKED_TITLE, uploads=[check_upload(photo)])
    case = tracked.complaint
    COMPLAINT_WORKFLOW.apply(case, "verify", desk, note=f"Lokasi jelas: {LONG_WORD}.", is_public=True)
    services.add_staff_message(
        case, desk, f"Petugas akan datang hari Kamis. Rincian: {LONG_URL}", public=True
    )
    services.add_citizen_message(case, f"Terima kasih. Surel saya {LONG_EMAIL}", [])

    from smartcity.core import followers
    from smartcity.core.models import CaseFollower

    follower = CaseFollower.objects.create(case=public_complaints[0], contact=LONG_EMAIL)
    musrenbang = _musrenbang_page(portal.home)

    permit_page, (permit_reference, permit_token) = _permit_page(complaint_page.get_parent())
    budget_url, budget_paths = _budget_page(portal.home)
    return PublicSite(
        url=portal.url,
        paths={
            "budget": budget_url,
            **budget_paths,
            "standard_page": standard_page.url,
            "services": complaint_page.get_parent().url,
            "news": portal.news_index.url,
            "article": article.url,
            "complaints": complaint_page.url,
            "appointments": _appointment_page(complaint_page.get_parent()).url,
            "permits": permit_page.url,
            "permit_reference": permit_reference,
            "permit_token": permit_token,
            "ppid": _ppid_page(portal).url,
            # A public (verified) complaint with a location and a public reply, for its own page.
            "public_reference": public_complaints[0].reference,
            # The links a follower of that complaint receives by e-mail.
            "follow_confirm_token": followers.confirm_token(follower),
            "unfollow_token": followers.unfollow_token(follower),
            "musrenbang": musrenbang["page"].url,
            "musrenbang_reference": musrenbang["proposal"].reference,
            "musrenbang_confirm_token": musrenbang["confirm"],
            "musrenbang_stop_token": musrenbang["stop"],
            "musrenbang_fix_token": musrenbang["fix"],
        },
        tracked_reference=case.reference,
        tracked_token=tracked.token,
    )
