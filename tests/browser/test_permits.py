"""e-sippadu in Chromium: an applicant applies with uploads, is returned by the front office in
the admin, fixes and resubmits, is approved, downloads the permit and opens its verification page.

axe-core (moderate impact and above fail) runs on every public step at 390 px (a phone; every
public page at 1280 px is in test_public_pages). The steps after the return (verify, review,
approval) go through the service functions: the admin screens for them are covered in
tests/permits/test_admin.py.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from .conftest import _ensure_home_page, _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def permits_site(transactional_db, live_server, settings, tmp_path):
    from django.contrib.auth import get_user_model

    from smartcity.permits.demo import seed_catalogue
    from smartcity.permits.models import PermitPage
    from tests.complaints.factories import load_reference_data
    from tests.factories import ServiceIndexPageFactory
    from tests.permits.factories import pdf_bytes, png_bytes

    settings.FORM_MIN_FILL_SECONDS = 0
    load_reference_data()
    home = _ensure_home_page()
    services_index = ServiceIndexPageFactory(parent=home)
    services_index.add_child(instance=PermitPage(title="Perizinan", slug="perizinan"))
    seed_catalogue()
    users = get_user_model().objects
    # Superusers hold every role; three people, so that the separation of duties holds.
    staff = {
        name: users.create_superuser(name, f"{name}@binjaikota.go.id", PASSWORD)
        for name in ("loket", "teknis", "kadis")
    }
    (tmp_path / "ktp.png").write_bytes(png_bytes())
    (tmp_path / "dokumen.pdf").write_bytes(pdf_bytes())
    return live_server.url, staff, tmp_path


def check_axe(page):
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


def upload_every_document(page, files, only_first: bool = False) -> None:
    inputs = page.locator("main input[type=file]")
    for index in range(1 if only_first else inputs.count()):
        field = inputs.nth(index)
        accept = field.get_attribute("accept") or ""
        field.set_input_files(str(files / ("dokumen.pdf" if "pdf" in accept else "ktp.png")))
    page.locator("button[name=action][value=upload]").click()


@pytest.mark.parametrize("width", [390])  # on a phone; desktops: test_public_pages (axe at 1280)
def test_apply_get_returned_fix_get_approved_download_and_verify(browser, permits_site, width):
    from pypdf import PdfReader

    from smartcity.core.workflow import CITIZEN  # noqa: F401 - the applicant acts in the browser
    from smartcity.permits import services
    from smartcity.permits.models import Permit, PermitApplication
    from smartcity.permits.workflow import APPLICATION_WORKFLOW

    url, staff, files = permits_site
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()

    # The catalogue, the type, the form.
    page.goto(f"{url}/layanan/perizinan/")
    check_axe(page)
    page.locator("a[href$='/jenis/izin-penelitian/']").first.click()
    check_axe(page)
    page.locator("a[href$='/jenis/izin-penelitian/ajukan/']").first.click()
    check_axe(page)
    page.locator("input[name=applicant_kind][value=person]").check()
    page.locator("input[name=applicant_name]").fill("Siti Aminah")
    page.locator("input[name=nik]").fill("1275014101900001")
    page.locator("input[name=email]").fill("siti@example.com")
    page.locator("input[name=address]").fill("Jl. Teuku Umar No. 5, Binjai")
    page.locator("textarea[name=q_judul]").fill("Kualitas air sumur warga Binjai Timur")
    page.locator("input[name=q_lembaga]").fill("Universitas Sumatera Utara")
    page.locator("input[name=q_mulai]").fill("2027-03-01")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()

    # The draft: its access code, the uploads, then the submission.
    expect(page.locator(".application-reference")).to_contain_text("DRAF-")
    assert page.locator(".access-code code").inner_text().strip()
    check_axe(page)
    upload_every_document(page, files)
    expect(page.locator(".requirement-state").first).not_to_contain_text("belum")
    page.locator("button[name=action][value=submit]").click()
    reference = re.search(r"IZN-\d{4}-\d{6}", page.locator(".application-reference").inner_text())[0]
    check_axe(page)
    application = PermitApplication.objects.get(reference=reference)
    assert application.status == PermitApplication.Status.SUBMITTED
    assert application.uploads.count() == application.permit_type.requirements.count()

    # The front office returns it in the admin with what is missing (its own browser session).
    staff_context = _new_context(browser, viewport={"width": 1280, "height": 900})
    admin = staff_context.new_page()
    admin.goto(f"{url}/admin/login/")
    admin.fill("#id_username", "loket")
    admin.fill("#id_password", PASSWORD)
    admin.locator("button[type=submit]").click()
    admin.goto(f"{url}/admin/perizinan/{application.pk}/")
    admin.locator("details", has=admin.locator("#id_return-note")).locator("summary").click()
    admin.fill("#id_return-note", "Scan KTP tidak terbaca")
    admin.locator("form[action$='/tindakan/return/'] button[type=submit]").click()
    expect(admin.locator("body")).to_contain_text(reference)
    application.refresh_from_db()
    assert application.status == PermitApplication.Status.RETURNED
    staff_context.close()

    # The applicant sees what is missing, fixes it and resubmits.
    page.reload()
    expect(page.locator(".missing-items")).to_contain_text("Scan KTP tidak terbaca")
    check_axe(page)
    upload_every_document(page, files, only_first=True)
    page.locator("button[name=action][value=resubmit]").click()
    application.refresh_from_db()
    assert application.status == PermitApplication.Status.RESUBMITTED
    check_axe(page)

    # Verified, reviewed and approved by three different people.
    APPLICATION_WORKFLOW.apply(application, "verify", staff["loket"])
    APPLICATION_WORKFLOW.apply(application, "recommend", staff["teknis"])
    permit = services.approve(application, staff["kadis"])

    # The permit: downloaded from the application's page, then verified.
    page.reload()
    expect(page.locator("main")).to_contain_text(permit.number)
    check_axe(page)
    with page.expect_download() as download_info:
        page.locator("a[href$='/izin/']").click()
    data = open(download_info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert data.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert permit.number in text

    response = page.goto(f"{url}{Permit.objects.get(pk=permit.pk).verification_path}")
    assert response.status == 200
    expect(page.locator(".verify-result--valid")).to_be_visible()
    expect(page.locator("main")).to_contain_text(permit.number)
    assert "1275014101900001" not in page.inner_text("main")
    check_axe(page)
    context.close()
