"""e-masyarakat end to end in Chromium: a citizen files a complaint with a photo, the complaint desk
verifies it and replies in the admin, and the citizen reads the reply on the tracking page.

Fields and buttons are found by their names and form actions, not by their labels, so the test
holds in both interface languages; axe-core checks each public page of the journey.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from .conftest import PHONE, _ensure_home_page
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The journey on a phone; every public page at 1280 px is in test_public_pages.
    pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["390px"]),
]

DESK_PASSWORD = "meja-pengaduan-uji-77"  # noqa: S105 - a test account's password
REFERENCE = re.compile(r"ADU-\d{4}-\d{6}")


@pytest.fixture
def complaint_service(transactional_db, live_server, settings):
    """/layanan/pengaduan/ on a flushed database, and a member of the complaint desk."""
    from tests.complaints.factories import load_reference_data, make_complaint_page
    from tests.factories import UserFactory

    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person
    load_reference_data()
    page = make_complaint_page(_ensure_home_page())
    desk = UserFactory(
        username="meja.pengaduan",
        first_name="Desi",
        last_name="Tarigan",
        is_staff=True,
        groups=["Case supervisors"],
    )
    desk.set_password(DESK_PASSWORD)
    desk.save(update_fields=["password"])
    return live_server.url, page, desk


@pytest.fixture
def photo(tmp_path):
    """A small but real JPEG photo of a pothole (well, of grey and black)."""
    path = tmp_path / "jalan-berlubang.jpg"
    image = Image.new("RGB", (64, 48), "grey")
    image.paste((20, 20, 20), (20, 15, 44, 33))
    image.save(path, format="JPEG", quality=80)
    return path


def check_accessibility(page, where: str, problems: list[str]) -> None:
    """Run axe-core on the page as it is now; serious and critical findings go to ``problems``.

    The journey goes on after a finding, so one run reports every page's problems at once.
    """
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        problems.append(f"{where}:\n{describe(blocking)}")


def test_citizen_complains_desk_verifies_and_replies_citizen_reads_reply(
    complaint_service, axe_page, page, photo
):
    from smartcity.complaints.models import ComplaintCategory
    from smartcity.core.models import Kelurahan

    base_url, service_page, desk = complaint_service
    citizen = axe_page  # without the CSP, so that axe-core can be injected
    category = ComplaintCategory.objects.get(slug="jalan-rusak")
    kelurahan = Kelurahan.objects.get(name="Tanah Tinggi")
    title = "Jalan berlubang di Jl. Gatot Subroto"
    reply = "Tim UPT Jalan Dinas PUPR akan menambal lubang pada hari Kamis."
    problems: list[str] = []

    # --- The citizen fills in the form ----------------------------------------------------------
    response = citizen.goto(base_url + service_page.url)
    assert response.status == 200
    form = citizen.locator("form.complaint-form")
    expect(form).to_be_visible()
    check_accessibility(citizen, "the complaint form", problems)

    form.locator("[name=kind][value=pengaduan]").check()
    form.locator("[name=category]").select_option(str(category.pk))
    form.locator("[name=title]").fill(title)
    form.locator("[name=description]").fill(
        "Lubang sedalam 20 cm di depan Pasar Tavip sudah dua minggu.\nSudah ada pengendara yang jatuh."
    )
    form.locator("[name=attachments]").set_input_files(str(photo))
    form.locator("[name=kelurahan]").select_option(str(kelurahan.pk))
    form.locator("[name=address]").fill("Jl. Gatot Subroto, depan Pasar Tavip")
    form.locator("[name=reporter_name]").fill("Siti Aminah Lubis")
    form.locator("[name=reporter_email]").fill("siti.aminah@example.com")
    form.locator("[name=reporter_phone]").fill("0812 3456 7890")
    form.locator("[name=hide_name]").check()
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()

    # --- Confirmation: reference number and private tracking link ---------------------------------
    reference_box = citizen.locator(".confirmation__reference strong")
    expect(reference_box).to_have_text(REFERENCE)
    reference = reference_box.inner_text()
    tracking_link = citizen.locator("#tracking-link").input_value()
    assert tracking_link.startswith(base_url + service_page.url + "lacak/")
    access_code = citizen.locator(".confirmation .access-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", access_code)
    assert tracking_link.endswith(f"lacak/#nomor={reference}&kode={access_code}")
    expect(citizen.locator("svg.qr-code")).to_be_visible()
    with citizen.expect_download() as receipt:
        citizen.locator(f"a[href$='/lacak/{reference}/tanda-terima/']").click()
    assert receipt.value.suggested_filename == f"{reference}.pdf"
    check_accessibility(citizen, "the confirmation page", problems)

    # --- The complaint desk verifies and replies in the admin -----------------------------------
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.locator("[name=username]").fill(desk.username)
    page.locator("[name=password]").fill(DESK_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base_url + reverse("wagtailadmin_home"))

    page.goto(base_url + reverse("complaints_admin:index"))
    page.get_by_role("link", name=reference).first.click()
    expect(page.locator("#complaint-case-text")).to_have_text(title)
    expect(page.locator(".complaint-case")).to_contain_text("jalan-berlubang")  # the photo

    verify = page.locator("form[action$='/tindakan/verify/']")
    page.locator("details", has=verify).locator("summary").click()
    # The note is for staff unless the desk addresses it to the reporter, and the form says so.
    internal = verify.get_by_label("Hanya petugas (catatan internal)")
    expect(internal).to_be_checked()
    expect(verify.get_by_label("Juga pelapor (halaman lacak dan e-mail)")).not_to_be_checked()
    verify.locator("[name=verify-note]").fill("Laporan lengkap, foto jelas. Mohon ditinjau ke lokasi.")
    verify.locator("button[type=submit]").click()
    history = page.locator(".complaint-history")
    expect(history).to_contain_text("Laporan lengkap, foto jelas.")
    expect(history).to_contain_text("Diterima → Terverifikasi")
    expect(page.locator("form[action$='/tindakan/verify/']")).to_have_count(0)

    message = page.locator("form[action$='/pesan/']")
    page.locator("details", has=message).locator("summary").click()
    message.locator("[name=text]").fill(reply)
    message.locator("button[name=visibility][value=reply]").click()
    expect(history).to_contain_text(reply)

    # --- The citizen opens the private link and reads the reply ----------------------------------
    citizen.goto(tracking_link)
    expect(citizen).to_have_url(re.compile(re.escape(f"{service_page.url}lacak/{reference}/") + "$"))
    expect(citizen.locator("h1")).to_have_text(title)
    expect(citizen.locator(".case-facts .status")).to_have_class(re.compile(r"\bstatus--verified\b"))
    timeline = citizen.locator("ol.timeline")
    expect(timeline.locator(".timeline__item--reply")).to_contain_text(reply)
    verified = timeline.locator(".timeline__item--status")
    # The state's label and who acted, as the citizen should read them; not the internal note.
    expect(verified.locator(".timeline__what")).to_have_text("Status berubah menjadi “Terverifikasi”")
    expect(verified.locator(".timeline__actor")).to_have_text("Unit Pengaduan")
    expect(timeline).not_to_contain_text("Mohon ditinjau")
    expect(timeline.locator(".timeline__item--reply .timeline__actor")).to_have_text("Unit Pengaduan")
    expect(citizen.get_by_role("link", name="jalan-berlubang.jpg")).to_be_visible()
    assert "siti.aminah@example.com" not in citizen.content()
    check_accessibility(citizen, "the tracking page", problems)
    assert not problems, "axe-core found serious or critical problems on " + "\n".join(problems)
