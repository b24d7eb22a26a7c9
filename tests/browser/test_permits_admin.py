"""e-sippadu's staff screens in the Wagtail admin, in Chromium: axe-core (moderate impact and
above fail) at 1280 px (a desk) on the inbox, the case file, the counter filing and the
workload, each also in the state a user meets after a mistake (the form's errors shown)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from .conftest import _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-uji-123"


@pytest.fixture
def permits_admin(transactional_db, live_server):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from smartcity.permits.demo import seed_catalogue
    from smartcity.permits.models import PermitType
    from tests.complaints.factories import load_reference_data
    from tests.permits.factories import submitted

    load_reference_data()
    seed_catalogue()
    get_user_model().objects.create_superuser("loket", "loket@binjaikota.go.id", PASSWORD)
    research = PermitType.objects.get(slug="izin-penelitian")
    waiting = submitted(research)
    # Submitted two months ago and never handled: overdue, highlighted in the inbox and workload.
    overdue = submitted(PermitType.objects.get(slug="pbg"), now=timezone.now() - datetime.timedelta(days=60))
    assert overdue.is_overdue()
    return live_server.url, waiting


def check_axe(page):
    # Wagtail fades its messages in: measured mid-animation, their colours would be blends.
    page.wait_for_function(
        "[...document.querySelectorAll('.messages')]"
        ".every((m) => m.getAnimations({subtree: true}).every((a) => a.playState !== 'running'))"
    )
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("width", [1280])  # staff work at a desk
def test_staff_screens_are_axe_clean(browser, permits_admin, width):
    url, application = permits_admin
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "loket")
    page.fill("#id_password", PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page.locator("body")).not_to_contain_text("Masuk ke Wagtail")

    # The inbox, all and filtered to the overdue ones.
    page.goto(f"{url}/admin/perizinan/")
    expect(page.locator("main")).to_contain_text(application.reference)
    check_axe(page)
    page.goto(f"{url}/admin/perizinan/?overdue=yes")
    check_axe(page)

    # The case file, then the same after a return without saying what is missing.
    page.goto(f"{url}/admin/perizinan/{application.pk}/")
    expect(page.locator("main")).to_contain_text(application.reference)
    check_axe(page)
    return_button = page.locator("form[action$='/return/'] button[type=submit]")
    if not return_button.is_visible():
        page.locator("form[action$='/return/']").locator("xpath=ancestor::details[1]/summary").click()
    return_button.click()
    expect(page.locator(".error-message, .w-field__errors, .error").first).to_be_visible()
    check_axe(page)

    # The counter: choosing the type, the form, and the form sent empty.
    page.goto(f"{url}/admin/perizinan/loket/")
    check_axe(page)
    page.goto(f"{url}/admin/perizinan/loket/?jenis=pbg")
    expect(page.locator("main input[type=file]").first).to_be_attached()
    check_axe(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("NIK")
    check_axe(page)

    # The workload with its overdue list.
    page.goto(f"{url}/admin/perizinan/beban-kerja/")
    check_axe(page)
    context.close()
