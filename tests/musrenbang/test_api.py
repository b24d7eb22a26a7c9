"""The public API: cycles, proposals with filters and pagination, one proposal with its journey."""

from decimal import Decimal

import pytest

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase

from .factories import ItemFactory, kelurahan, make_cycle, proposal_data


@pytest.fixture
def cycle(db):
    return make_cycle(Phase.INTAKE)


def staff(cycle, user, n=0, **kw):
    return services.submit_proposal(
        cycle=cycle, data=proposal_data(n, item=ItemFactory(), **kw), by_staff=user
    ).proposal


def test_cycles(client, cycle):
    data = client.get("/api/v1/musrenbang/cycles/").json()
    assert data[0]["year"] == 2026 and data[0]["open_phase"] == "intake"
    assert [p["phase"] for p in data[0]["phases"]] == ["intake", "kelurahan", "kecamatan", "city", "final"]


def test_proposals_filtered_and_paginated(client, cycle, kel_facilitator, bappeda):
    from smartcity.musrenbang.models import Facilitator

    Facilitator.objects.create(user=kel_facilitator, level="kelurahan", kelurahan=kelurahan(5))
    for n in range(3):
        staff(cycle, kel_facilitator, n)
    staff(cycle, bappeda, 9, kel=kelurahan(5), proposer_kind="pokir")
    data = client.get("/api/v1/musrenbang/proposals/", {"page_size": 2}).json()
    assert data["count"] == 4 and len(data["results"]) == 2 and data["next"]
    data = client.get("/api/v1/musrenbang/proposals/", {"pokir": "ya"}).json()
    assert [r["kelurahan"] for r in data["results"]] == [kelurahan(5).name]
    data = client.get("/api/v1/musrenbang/proposals/", {"kelurahan": kelurahan(0).code}).json()
    assert data["count"] == 3
    first = data["results"][0]
    assert Decimal(first["estimated_cost"]) == Decimal("35000000")
    assert not {"proposer_name", "proposer_email", "proposer_phone", "address"} & set(first)


def test_proposal_with_journey(client, cycle, kel_facilitator):
    proposal = staff(cycle, kel_facilitator)
    services.act(proposal, "verify", kel_facilitator)
    data = client.get(f"/api/v1/musrenbang/proposals/{proposal.reference}/").json()
    assert data["status"] == "verified"
    assert [s["state"] for s in data["journey"]] == ["current", "future", "future", "future"]
    assert [h["to_status"] for h in data["history"]] == ["submitted", "verified"]
    assert client.get("/api/v1/musrenbang/proposals/MUS-2026-999999/").status_code == 404


def test_in_the_schema(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/musrenbang/proposals/{reference}/" in schema
    assert "/api/v1/musrenbang/cycles/" in schema
