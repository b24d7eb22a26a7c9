"""Proposals entered by staff: facilitators from a paper deliberation (their kelurahan only),
Bappeda for DPRD members' aspirations (pokir) and proposals of the kecamatan or the city forum."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Level, Phase, Proposal

from .factories import ItemFactory, kelurahan, make_cycle, proposal_data
from .test_public import make_page


@pytest.fixture
def cycle(db):
    return make_cycle(Phase.INTAKE)


def admin_form(cycle, kel, item, **overrides):
    data = {
        "cycle": str(cycle.pk),
        "entry_level": "kelurahan",
        "kelurahan": str(kel.pk),
        "title": "Lampu jalan gang Kenanga",
        "problem": "Gelap di malam hari.",
        "rt": "002",
        "rw": "001",
        "address": "Gang Kenanga",
        "item": str(item.pk),
        "volume": "4",
        "sector": "",
        "other_cost": "",
        "other_cost_justification": "",
        "beneficiaries": "80",
        "expected_agency": "",
        "proposer_kind": "rt_rw",
        "proposer_name": "Pak RT 002",
        "proposer_group": "RT 002 / RW 001",
        "proposer_email": "",
        "proposer_phone": "",
    }
    data.update(overrides)
    return data


def test_facilitator_enters_a_paper_proposal_for_their_kelurahan(client, cycle, kel, kel_facilitator):
    item = ItemFactory()
    client.force_login(kel_facilitator)
    assert client.get(reverse("musrenbang_proposal:enter")).status_code == 200
    response = client.post(
        reverse("musrenbang_proposal:enter"), admin_form(cycle, kel, item, stay_unnamed="on")
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.source == Proposal.Source.STAFF and proposal.entry_level == Level.KELURAHAN
    assert proposal.estimated_cost == 4 * item.unit_cost
    assert proposal.stay_unnamed and proposal.public_proposer == "RT/RW"
    created = proposal.events.get()
    assert created.actor == kel_facilitator and not created.by_citizen


def test_facilitator_cannot_enter_for_another_kelurahan(client, cycle, kel_facilitator):
    item = ItemFactory()
    other = kelurahan(5)
    client.force_login(kel_facilitator)
    response = client.post(reverse("musrenbang_proposal:enter"), admin_form(cycle, other, item))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    # The service refuses too, whatever the form offers.
    with pytest.raises(PermissionDenied):
        services.submit_proposal(
            cycle=cycle, data=proposal_data(0, item=item, kel=other), by_staff=kel_facilitator
        )
    # Nor may a facilitator enter a pokir or a proposal of the city forum.
    for overrides in ({"proposer_kind": "pokir"}, {"entry_level": "city"}):
        response = client.post(
            reverse("musrenbang_proposal:enter"), admin_form(cycle, kelurahan(0), item, **overrides)
        )
        assert response.status_code == 400
    assert not Proposal.objects.exists()
    with pytest.raises(PermissionDenied):
        services.submit_proposal(
            cycle=cycle,
            data=proposal_data(0, item=item, proposer_kind="pokir"),
            by_staff=kel_facilitator,
        )


def test_residents_cannot_file_pokir_from_the_website(cycle):
    with pytest.raises(PermissionDenied):
        services.submit_proposal(
            cycle=cycle, data=proposal_data(0, item=ItemFactory(), proposer_kind="pokir")
        )


def test_bappeda_enters_pokir_at_city_level_tagged_and_filterable(client, home_page, cycle, bappeda):
    page = make_page(home_page)
    city_item = ItemFactory(allowed_kelurahan=False, allowed_kecamatan=False, allowed_city=True)
    client.force_login(bappeda)
    # The catalogue's levels are checked against the level chosen.
    refused = client.post(reverse("musrenbang_proposal:enter"), admin_form(cycle, kelurahan(1), city_item))
    assert refused.status_code == 400 and not Proposal.objects.exists()
    response = client.post(
        reverse("musrenbang_proposal:enter"),
        admin_form(
            cycle,
            kelurahan(1),
            city_item,
            entry_level="city",
            proposer_kind="pokir",
            proposer_name="Anggota DPRD Uji",
            proposer_group="Fraksi Uji, Dapil Binjai 1",
            title="Jalan lingkungan aspirasi dewan",
        ),
    )
    assert response.status_code == 302
    pokir = Proposal.objects.get()
    assert pokir.status == Proposal.Status.AT_CITY and pokir.entry_level == Level.CITY and pokir.is_pokir
    assert [s["state"] for s in pokir.journey()][:3] == ["skipped", "skipped", "current"]
    # A resident's proposal beside it, to see the filter separate them.
    resident = services.submit_proposal(
        cycle=cycle, data=proposal_data(1, item=ItemFactory()), by_staff=bappeda
    ).proposal
    only_pokir = client.get(page.url + "usulan/?pokir=ya").content.decode()
    assert pokir.reference in only_pokir and resident.reference not in only_pokir
    without = client.get(page.url + "usulan/?pokir=tidak").content.decode()
    assert pokir.reference not in without and resident.reference in without
    detail = client.get(page.url + f"usulan/{pokir.reference}/").content.decode()
    assert "pokir" in detail.lower() and "Fraksi Uji" in detail
    api = client.get("/api/v1/musrenbang/proposals/?pokir=ya").json()
    assert [p["reference"] for p in api["results"]] == [pokir.reference]


def test_kecamatan_entry_waits_for_the_kecamatan_deliberation(client, cycle, kel, kec_facilitator):
    client.force_login(kec_facilitator)
    response = client.post(
        reverse("musrenbang_proposal:enter"),
        admin_form(cycle, kel, ItemFactory(), entry_level="kecamatan", proposer_kind="kelurahan"),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.AT_KECAMATAN and proposal.entry_level == Level.KECAMATAN
    assert proposal in services.region_proposals(cycle, Level.KECAMATAN, kel.kecamatan_id)
