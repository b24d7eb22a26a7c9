"""e-musrenbang in Chromium: a resident proposes and confirms, the kelurahan facilitator verifies,
scores and ranks it, it is forwarded and accepted, and the public page shows its journey.

axe-core (moderate impact and above fail) runs on every public step at 390 px (a phone; every
public page at 1280 px is in test_public_pages).
Locators use field names and action values, not labels, so the test holds in either language.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import _ensure_home_page, _new_context
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-uji-123"


def in_indonesian(label) -> str:
    """A label as the site shows it (Indonesian), whatever language this test process last used."""
    from django.utils import translation

    with translation.override("id"):
        return str(label)


def check_axe(page):
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


def load_musrenbang_reference_data():
    import importlib

    from tests.complaints.factories import _RegistryWithoutPermissionSync, load_reference_data

    load_reference_data()
    importlib.import_module("smartcity.musrenbang.migrations.0002_trigram_sectors_and_roles").load(
        _RegistryWithoutPermissionSync(), None
    )


@pytest.fixture
def musrenbang(transactional_db, live_server, settings, django_user_model):
    from smartcity.musrenbang.models import Phase
    from tests.factories import UserFactory
    from tests.musrenbang.factories import ItemFactory, ceiling, facilitator, kelurahan, make_cycle
    from tests.musrenbang.test_public import make_page

    settings.FORM_MIN_FILL_SECONDS = 0
    load_musrenbang_reference_data()
    make_page(_ensure_home_page())
    cycle = make_cycle(Phase.INTAKE)
    kel = kelurahan(0)
    ceiling(cycle, kel, "500000000")
    item = ItemFactory(name="Rabat beton jalan lingkungan", unit_cost=Decimal("350000"))
    users = {}
    for name, group, region in (
        ("fasil.kel", "Musrenbang kelurahan facilitators", kel),
        ("fasil.kec", "Musrenbang kecamatan facilitators", kel.kecamatan),
        ("bappeda", "Bappeda planners", None),
    ):
        user = UserFactory(username=name, groups=[group])
        user.set_password(PASSWORD)
        user.save()
        if region is not None:
            facilitator(user, region)
        users[name] = user
    return live_server.url, cycle, kel, item, users


@pytest.mark.parametrize("width", [390])  # on a phone; desktops: test_public_pages (axe at 1280)
def test_resident_proposes_facilitator_ranks_forwarded_accepted_journey_public(browser, musrenbang, width):
    from smartcity.musrenbang import services
    from smartcity.musrenbang.models import Level, Phase, Proposal
    from tests.musrenbang.factories import move_to

    url, cycle, kel, item, users = musrenbang
    context = _new_context(browser, viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{url}/musrenbang/")
    check_axe(page)
    page.goto(f"{url}/musrenbang/usul/")
    check_axe(page)
    form = page.locator("form.proposal-form")
    form.locator("[name=kelurahan]").select_option(str(kel.pk))
    form.locator("[name=title]").fill("Rabat beton Gang Mawar yang rusak")
    form.locator("[name=problem]").fill("Jalan berlubang, tergenang saat hujan.")
    form.locator("[name=beneficiaries]").fill("150")
    form.locator("[name=item]").select_option(str(item.pk))
    form.locator("[name=volume]").fill("80")
    form.locator("[name=proposer_kind][value=rt_rw]").check()
    form.locator("[name=proposer_name]").fill("Siti Aminah")
    form.locator("[name=contact]").fill("siti@example.com")
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".confirmation")).to_be_visible()
    reference = re.search(r"MUS-\d{4}-\d{6}", page.inner_text("main"))[0]
    check_axe(page)

    link = re.search(r"https?://\S+/musrenbang/konfirmasi/\S+/", mail.outbox[-1].body)[0]
    page.goto(url + "/musrenbang/" + link.split("/musrenbang/", 1)[1])
    check_axe(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Rabat beton Gang Mawar")
    check_axe(page)
    proposal = Proposal.objects.get(reference=reference)
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.estimated_cost == Decimal("28000000")

    # The kelurahan facilitator verifies it, then scores it at the deliberation.
    staff = context.new_page()
    staff.goto(f"{url}/admin/login/")
    staff.fill("#id_username", "fasil.kel")
    staff.fill("#id_password", PASSWORD)
    staff.locator("button[type=submit]").click()
    desk = f"{url}/admin/musrenbang_proposal/deliberation/?cycle={cycle.pk}&level=kelurahan&region={kel.pk}"
    staff.goto(desk)
    staff.locator(f"tr[data-reference='{reference}'] form:has(input[value=verify]) button").click()
    expect(staff.locator(f"tr[data-reference='{reference}'] .status")).to_have_text(
        in_indonesian(Proposal.Status.VERIFIED.label)
    )
    move_to(cycle, Phase.KELURAHAN)
    staff.goto(desk)
    row = staff.locator(f"tr[data-reference='{reference}']")
    for score_input in row.locator("form.score-form input[type=number]").all():
        score_input.fill("4")
    row.locator("form.score-form button").click()
    expect(staff.locator(f"tr[data-reference='{reference}'] .rank")).to_have_text("1")
    staff.locator("form[action$='close-deliberation/'] button").click()
    expect(staff.locator(f"tr[data-reference='{reference}'] .status")).to_have_text(
        in_indonesian(Proposal.Status.AT_KECAMATAN.label)
    )
    proposal.refresh_from_db()
    assert proposal.kelurahan_score == Decimal("80.00") and proposal.kelurahan_rank == 1

    # The kecamatan forwards it, the city forum accepts it into PUPR's plan.
    move_to(cycle, Phase.KECAMATAN)
    services.close_deliberation(cycle, Level.KECAMATAN, kel.kecamatan_id, users["fasil.kec"])
    move_to(cycle, Phase.CITY)
    proposal.refresh_from_db()
    services.act(
        proposal, "accept", users["bappeda"], agreed_volume=Decimal("70"), agreed_cost=Decimal("24500000")
    )

    page.goto(f"{url}/musrenbang/usulan/{reference}/")
    main = page.inner_text("main")
    assert "24.500.000" in main and "Siti Aminah" in main and "siti@example.com" not in main
    assert page.locator(".journey__step--passed").count() == 4
    assert page.locator("ol.timeline li").count() >= 6
    check_axe(page)
    page.goto(f"{url}/musrenbang/hasil/")
    check_axe(page)
    page.goto(f"{url}/musrenbang/usulan/?tampilan=peta")
    check_axe(page)
    context.close()
