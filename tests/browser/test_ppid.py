"""PPID in Chromium: a request from the public form to the answer, an objection and its answer.

The requester fills in the form on /ppid/permohonan/, keeps the access code, and later opens the
request with the private link from the e-mail. The agency's information officer logs in to the
Wagtail admin and refuses the request on its screen; the requester reads the answer, objects; the
agency's superior officer answers the objection in the objection register; the requester reads the
answer and is told about the Information Commission. Every public step is checked by axe-core
(moderate impact and above fail) at 390 px (a phone; every public page at 1280 px is in
test_public_pages), and at 320 px must not scroll sideways. Visible labels are read in the page's
language (Indonesian) through the catalogue.
"""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .conftest import _ensure_home_page, _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser

PASSWORD = "kata-sandi-uji"  # tests.factories.UserFactory's


def t(text) -> str:
    """``text`` (a msgid or a lazy label) as the Indonesian page shows it."""
    with translation.override("id"):
        return str(translation.gettext(text) if isinstance(text, str) else text)


def _restore_ppid_roles() -> None:
    """The roles of the data migration (a transactional test's flush removes them)."""
    from django.contrib.auth.models import Group, Permission

    roles = importlib.import_module("smartcity.transparency.migrations.0002_ppid_roles")
    for name, pairs in (
        (roles.OFFICERS, roles.OFFICER_PERMISSIONS),
        (roles.SUPERIORS, roles.SUPERIOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in pairs]
        )


@pytest.fixture
def ppid(transactional_db, live_server, settings):
    from tests.factories import AgencyFactory
    from tests.transparency.factories import OFFICERS, SUPERIORS, make_ppid_page, staff

    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person
    home = _ensure_home_page()
    make_ppid_page(home).save_revision().publish()
    _restore_ppid_roles()
    agency = AgencyFactory(name="Dinas Komunikasi dan Informatika Uji", slug="diskominfo-uji")
    AgencyFactory(name="Dinas Pendidikan Uji", slug="disdik-uji")
    officer = staff("ppid.kominfo", agency, OFFICERS)
    superior = staff("atasan.kominfo", agency, SUPERIORS)
    superior.first_name, superior.last_name = "Rahmat", "Hidayat"
    superior.save()
    return SimpleNamespace(url=live_server.url, agency=agency, officer=officer, superior=superior)


def check_public_step(page, *, reflow: bool) -> None:
    """axe-core at the page's width; with ``reflow``, also no sideways scroll at 320 px."""
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{page.url}\n{describe(blocking)}"
    if reflow:
        size = page.viewport_size
        page.set_viewport_size({"width": 320, "height": size["height"]})
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(size)
        assert width <= 320, f"{page.url} is {width}px wide at 320px"


def log_in(context, url: str, username: str):
    admin = context.new_page()
    admin.goto(f"{url}/admin/login/")
    admin.fill("#id_username", username)
    admin.fill("#id_password", PASSWORD)
    admin.locator("button[type=submit]").click()
    expect(admin).not_to_have_url(re.compile(r"/login/"))
    return admin


@pytest.mark.parametrize("width", [390])  # on a phone; desktops: test_public_pages (axe at 1280)
def test_request_answered_in_the_admin_then_objection_answered_by_the_superior(browser, ppid, width):
    from smartcity.transparency.models import ExemptionGround, InformationRequest, Objection, ObjectionGround
    from tests.complaints.factories import png_upload

    url = ppid.url
    reflow = width < 1000
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()

    # The requester finds the form from the public information list.
    page.goto(f"{url}/ppid/")
    check_public_step(page, reflow=reflow)
    page.locator(".service-nav").get_by_role("link", name=t("Request information")).click()
    expect(page.locator("main h1")).to_have_text(t("Request information"))
    check_public_step(page, reflow=reflow)

    page.locator("input[name=name]").fill("Siti Aminah")
    page.locator("input[name=nik]").fill("1275014501900001")
    page.locator("textarea[name=address]").fill("Jl. Sudirman No. 1, Binjai")
    page.locator("input[name=email]").fill("siti@example.com")
    page.locator("select[name=agency]").select_option(str(ppid.agency.pk))
    page.locator("textarea[name=information_wanted]").fill("Daftar gaji pegawai Diskominfo 2026")
    page.locator("textarea[name=purpose]").fill("Penelitian skripsi")
    page.locator("input[name=delivery][value=email]").check()
    page.locator("input[name=id_card]").set_input_files(
        files=[{"name": "ktp.png", "mimeType": "image/png", "buffer": png_upload("ktp.png").read()}]
    )
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()

    main = page.locator("main")
    expect(main).to_contain_text(t("Your request has been sent"))
    reference = re.search(r"PPID-\d{4}-\d{6}", main.inner_text())[0]
    code = page.locator(".access-code").inner_text().strip()
    assert code
    expect(page.locator(".ppid-status")).to_have_text(t(InformationRequest.Status.RECEIVED.label))
    expect(main).to_contain_text("Daftar gaji pegawai Diskominfo 2026")
    expect(page.locator(".ppid-days-left")).to_have_text(re.compile(r"^\d+$"))
    private_link = page.locator(".notice a").get_attribute("href")
    assert private_link.endswith(f"#{reference}.{code}")
    check_public_step(page, reflow=reflow)
    context.close()

    # The agency's information officer refuses the request on its admin screen.
    staff_context = _new_context(browser, viewport={"width": 1280, "height": 900})
    admin = log_in(staff_context, url, "ppid.kominfo")
    admin.goto(f"{url}/admin/ppid_request/")
    admin.get_by_role("link", name=reference).click()
    expect(admin.locator(".ppid-case")).to_contain_text("Siti Aminah")
    expect(admin.locator(".ppid-case")).to_contain_text("Daftar gaji pegawai Diskominfo 2026")
    admin.locator("#answer-decision").select_option("refused")
    admin.locator("#answer-note").fill("Daftar gaji memuat data pribadi setiap pegawai.")
    admin.locator("#answer-ground").select_option("17h")
    admin.locator("form:has(#answer-note) button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(
        f"{reference}: {t(InformationRequest.Status.REFUSED.label)}"
    )
    expect(admin.locator(".ppid-status")).to_contain_text(t(InformationRequest.Status.REFUSED.label))
    staff_context.close()

    # Days later, the requester opens the private link from the e-mail in a new browser.
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(private_link)
    expect(page.locator("main h1")).to_contain_text(reference)
    expect(page).not_to_have_url(re.compile("#"))  # the code left the address bar
    main = page.locator("main")
    expect(page.locator(".ppid-status")).to_have_text(t(InformationRequest.Status.REFUSED.label))
    expect(page.locator("#answer-title")).to_contain_text(t(InformationRequest.Decision.REFUSED.label))
    expect(main).to_contain_text("Daftar gaji memuat data pribadi setiap pegawai.")
    expect(main).to_contain_text(t(ExemptionGround.PRIVACY.label))
    check_public_step(page, reflow=reflow)

    # ... and objects to the superior officer.
    page.get_by_role("link", name=t("File an objection")).click()
    expect(page.locator("main h1")).to_have_text(t("Object to the superior officer"))
    check_public_step(page, reflow=reflow)
    page.get_by_role("button", name=t("Send the objection")).click()  # nothing chosen yet
    expect(page.locator(".error-summary")).to_be_visible()
    check_public_step(page, reflow=reflow)
    page.locator("input[name=ground][value=a]").check()
    page.locator("textarea[name=case_position]").fill("Saya hanya meminta jumlah total per golongan.")
    page.get_by_role("button", name=t("Send the objection")).click()
    expect(main).to_contain_text(t("Your objection has been registered."))
    objection = Objection.objects.get(request__reference=reference)
    expect(page.locator("#objection-title")).to_contain_text(objection.reference)
    expect(main).to_contain_text(t(ObjectionGround.REFUSED_EXEMPT.label))
    expect(page.locator(".ppid-status")).to_have_text(t(InformationRequest.Status.OBJECTED.label))
    check_public_step(page, reflow=reflow)

    # The superior officer answers it in the objection register.
    staff_context = _new_context(browser, viewport={"width": 1280, "height": 900})
    admin = log_in(staff_context, url, "atasan.kominfo")
    admin.goto(f"{url}/admin/ppid_objection/")
    admin.get_by_role("link", name=objection.reference).click()
    expect(admin.locator("main")).to_contain_text("Saya hanya meminta jumlah total per golongan.")
    admin.locator("#objection-outcome").select_option("upheld")
    admin.locator("#objection-response").fill("Jumlah total per golongan diberikan dalam 5 hari kerja.")
    admin.locator("#objection-position").fill("Sekretaris Daerah")
    admin.locator("form:has(#objection-response) button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text(t("The objection has been answered."))
    staff_context.close()

    # The requester reads the answer and where to take a dispute.
    page.reload()
    expect(page.locator(".ppid-status")).to_have_text(t(InformationRequest.Status.OBJECTION_ANSWERED.label))
    expect(main).to_contain_text(t(Objection.Outcome.UPHELD.label))
    expect(main).to_contain_text("Jumlah total per golongan diberikan dalam 5 hari kerja.")
    expect(main).to_contain_text(t("Taking the dispute to the Information Commission"))
    expect(main).to_contain_text("Komisi Informasi Provinsi Sumatera Utara")
    check_public_step(page, reflow=reflow)
    context.close()

    objection.refresh_from_db()
    assert objection.outcome == Objection.Outcome.UPHELD
    assert objection.answered_by == ppid.superior
    assert objection.superior_name == "Rahmat Hidayat"
    assert objection.superior_position == "Sekretaris Daerah"
    assert list(
        InformationRequest.objects.get(reference=reference).events.values_list("to_status", flat=True)
    ) == ["received", "refused", "objected", "objection_answered"]
