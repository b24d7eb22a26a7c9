"""e-appointment in Chromium: a citizen books, gets the code, moves the booking; staff check in.

Reads the visible text, and runs axe-core (moderate impact and above fail) on every public step
at 390 px (a phone; every public page at 1280 px is in test_public_pages).
"""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import _ensure_home_page, _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def appointments(transactional_db, live_server, settings):
    from smartcity.appointments.models import BookableService, OpeningHours
    from smartcity.core.models import Agency
    from tests.appointments.factories import BookableServiceFactory, make_appointment_page

    settings.FORM_MIN_FILL_SECONDS = 0
    home = _ensure_home_page()
    make_appointment_page(home).save_revision().publish()
    agency = Agency.objects.create(name="Dinas Kependudukan Uji", short_name="DKU", slug="dku")
    service = BookableServiceFactory(
        name="Perekaman KTP-el",
        slug="ktp-el",
        agency=agency,
        capacity_per_slot=1,
        change_cutoff_hours=0,
        hours=[],
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(0, 0), closes_at=datetime.time(23, 30)
        )
    return live_server.url, BookableService.objects.get(pk=service.pk)


def check_axe(page):
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("width", [390])  # on a phone; desktops: test_public_pages (axe at 1280)
def test_citizen_books_gets_the_code_and_moves_then_staff_check_in(
    browser, appointments, width, django_user_model
):
    url, service = appointments
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{url}/layanan/janji-temu/")
    check_axe(page)
    page.get_by_role("link", name="Perekaman KTP-el").click()
    assert "Pilih waktu" in page.inner_text("main")
    check_axe(page)
    page.locator(".slot a").first.click()
    check_axe(page)
    page.get_by_label("Nama Anda").fill("Siti Aminah")
    page.get_by_label("E-mail").fill("siti@example.com")
    page.get_by_label("Keperluan kunjungan").fill("Perekaman KTP-el pertama")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Pesan", exact=True).click()

    main = page.inner_text("main")
    code = re.search(r"JT-\d{4}-\d{6}", main)[0]
    assert "Terkonfirmasi" in main and "KTP-el asli" in main
    check_axe(page)

    page.get_by_role("link", name="Pindah ke waktu lain").click()
    check_axe(page)
    page.locator(".slot input[type=radio]").nth(2).check()
    page.get_by_role("button", name="Pindahkan").click()
    assert "telah dipindah" in page.inner_text("main")
    check_axe(page)

    from smartcity.appointments.models import Booking

    booking = Booking.objects.get(reference=code)
    assert booking.times_moved == 1

    # The desk checks the citizen in from the day agenda.
    django_user_model.objects.create_superuser("meja", "meja@binjaikota.go.id", "rahasia-uji-123")
    staff = context.new_page()
    staff.goto(f"{url}/admin/login/")
    staff.fill("#id_username", "meja")
    staff.fill("#id_password", "rahasia-uji-123")
    staff.locator("button[type=submit]").click()
    # From the week agenda (the moved booking counted in its slot) to the day, then check in.
    staff.goto(
        f"{url}/admin/appointments_booking/agenda/week/?service={service.pk}&day={booking.day.isoformat()}"
    )
    expect(staff.locator(".week-agenda")).to_contain_text("1 / 1")
    check_axe(staff)
    staff.locator(f"th.week-day[data-day='{booking.day.isoformat()}'] a").click()
    row = staff.locator("tr", has_text=code)
    expect(row).to_be_visible()  # the day agenda has loaded: axe must not run mid-navigation
    check_axe(staff)
    row.get_by_role("button", name="Catat kehadiran").click()
    expect(staff.locator("body")).to_contain_text("nomor antrean 1")
    expect(staff.locator("tr", has_text=code).locator(".queue-number")).to_have_text("1")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CHECKED_IN and booking.queue_number == 1
    context.close()
