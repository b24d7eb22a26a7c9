"""Sending the complaint form once in Chromium, then reloading, going Back and sending again:
one complaint, and the same confirmation each time (defect 2 of issue 6)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import _ensure_home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = re.compile(r"ADU-\d{4}-\d{6}")


@pytest.fixture
def complaint_form_url(transactional_db, live_server, settings):
    from tests.complaints.factories import load_reference_data, make_complaint_page

    settings.FORM_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person
    load_reference_data()
    return live_server.url + make_complaint_page(_ensure_home_page()).url


def fill_in(page) -> None:
    from smartcity.complaints.models import ComplaintCategory
    from smartcity.core.models import Kelurahan

    form = page.locator("form.complaint-form")
    form.locator("[name=category]").select_option(str(ComplaintCategory.objects.order_by("pk").first().pk))
    form.locator("[name=title]").fill("Lampu jalan mati di Jalan Sudirman")
    form.locator("[name=description]").fill("Sudah seminggu gelap di malam hari.")
    form.locator("[name=kelurahan]").select_option(str(Kelurahan.objects.order_by("pk").first().pk))
    form.locator("[name=reporter_name]").fill("Siti Aminah")
    form.locator("[name=reporter_email]").fill("siti@example.com")
    form.locator("[name=consent]").check()


def test_reload_and_back_then_send_again_files_one_complaint(page, complaint_form_url):
    from smartcity.complaints.models import Complaint

    page.goto(complaint_form_url)
    fill_in(page)
    page.locator("form.complaint-form button[type=submit]").click()
    reference_box = page.locator(".confirmation__reference strong")
    expect(reference_box).to_have_text(REFERENCE)
    reference = reference_box.inner_text()
    access_code = page.locator(".confirmation__code code").inner_text()
    assert "/terkirim/" in page.url

    # Reloading the confirmation is a plain GET: no "confirm form resubmission", nothing sent.
    page.reload()
    expect(page.locator(".confirmation__reference strong")).to_have_text(reference)
    expect(page.locator(".confirmation__code code")).to_have_text(access_code)

    # Back to the form as it was sent, and send it again: the same complaint, not a second one.
    page.go_back()
    form = page.locator("form.complaint-form")
    if not form.locator("[name=title]").input_value():  # the browser did not keep what was typed
        fill_in(page)  # the person types the same again
    page.locator("form.complaint-form button[type=submit]").click()
    expect(page.locator(".confirmation__reference strong")).to_have_text(reference)
    assert Complaint.objects.count() == 1
