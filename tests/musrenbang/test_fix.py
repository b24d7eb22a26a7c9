"""A returned proposal fixed by its proposer through the private link sent with the return."""

import re
import time
from decimal import Decimal

import pytest
from django.core import mail

from smartcity.core.antispam import issue_stamp
from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase, Proposal

from .factories import ItemFactory, make_cycle, proposal_data
from .test_public import form_data, make_page


@pytest.fixture
def page(home_page):
    return make_page(home_page)


@pytest.fixture
def cycle(db):
    return make_cycle(Phase.INTAKE)


def _returned_proposal(client, page, cycle, kel, kel_facilitator, capture):
    item = ItemFactory(unit_cost=Decimal("350000"))
    with capture(execute=True):
        client.post("/musrenbang/usul/", form_data(item, kel))
    proposal = Proposal.objects.get()
    confirm = re.search(r"https?://\S+/konfirmasi/\S+/", mail.outbox[-1].body)[0].split("testserver")[-1]
    client.post(confirm)
    proposal.refresh_from_db()
    mail.outbox.clear()
    with capture(execute=True):
        services.act(proposal, "return", kel_facilitator, note="Volume terlalu besar, mohon dikoreksi.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.RETURNED
    fix_mail = [m for m in mail.outbox if "/perbaiki/" in m.body]
    assert len(fix_mail) == 1 and fix_mail[0].to == ["siti@example.com"]
    assert "Volume terlalu besar" in fix_mail[0].body
    link = re.search(r"https?://\S+/perbaiki/\S+/", fix_mail[0].body)[0].split("testserver")[-1]
    return proposal, item, link


def fix_data(item, **overrides):
    data = {
        "title": "Perbaikan drainase gang Melati (dikoreksi)",
        "problem": "Air tergenang setiap hujan.",
        "rt": "001",
        "rw": "004",
        "address": "Gang Melati",
        "latitude": "",
        "longitude": "",
        "item": str(item.pk),
        "volume": "8",
        "sector": "",
        "other_cost": "",
        "other_cost_justification": "",
        "beneficiaries": "150",
        "expected_agency": "",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data


def test_proposer_fixes_and_resubmits_with_history(
    client, page, cycle, kel, kel_facilitator, django_capture_on_commit_callbacks
):
    proposal, item, link = _returned_proposal(
        client, page, cycle, kel, kel_facilitator, django_capture_on_commit_callbacks
    )
    shown = client.get(link)
    assert shown.status_code == 200 and shown["Cache-Control"].count("no-store")
    html = shown.content.decode()
    assert "Volume terlalu besar" in html and 'value="20' in html
    # A mistake keeps what was typed and says what is wrong.
    wrong = client.post(link, fix_data(item, volume="", title="Judul baru tetap"))
    assert wrong.status_code == 400 and "Judul baru tetap" in wrong.content.decode()
    response = client.post(link, fix_data(item))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.volume == Decimal("8") and proposal.estimated_cost == Decimal("2800000")
    assert proposal.title.endswith("(dikoreksi)") and proposal.proposer_name == "Siti Aminah"
    event = proposal.events.latest("pk")
    assert event.from_status == Proposal.Status.RETURNED and event.to_status == Proposal.Status.SUBMITTED
    assert event.by_citizen and event.is_public and "volume" in event.note.lower()
    # Only what the proposer changed is named (the sector follows the unchanged activity).
    assert not {"sector", "sektor"} & set(re.findall(r"\w+", event.note.lower()))
    # Back at the kelurahan's verification; the used link no longer opens.
    assert services.PROPOSAL_WORKFLOW.can(proposal, kel_facilitator, "verify")
    assert client.get(link).status_code == 404
    public = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert "Volume terlalu besar" in public


def test_forged_or_outdated_links_open_nothing(
    client, page, cycle, kel, kel_facilitator, django_capture_on_commit_callbacks
):
    proposal, item, link = _returned_proposal(
        client, page, cycle, kel, kel_facilitator, django_capture_on_commit_callbacks
    )
    assert client.get(link[:-3] + "xx/").status_code == 404
    # Intake closed: the proposer's link no longer lets the proposal in.
    from .factories import move_to

    move_to(cycle, Phase.KECAMATAN)
    assert client.get(link).status_code == 200
    refused = client.post(link, fix_data(item))
    assert refused.status_code == 400 and "error-summary" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.RETURNED


def test_staff_entered_proposals_get_no_link(
    kel_facilitator, cycle, page, django_capture_on_commit_callbacks
):
    proposal = services.submit_proposal(
        cycle=cycle, data=proposal_data(0, item=ItemFactory()), by_staff=kel_facilitator
    ).proposal
    with django_capture_on_commit_callbacks(execute=True):
        services.act(proposal, "return", kel_facilitator, note="Lengkapi foto.")
    assert not [m for m in mail.outbox if "/perbaiki/" in m.body]
