"""Staff screens: each facilitator sees and acts on their region only; the deliberation screen."""

import pytest
from django.urls import reverse

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase, Proposal

from .factories import ItemFactory, make_cycle, proposal_data


@pytest.fixture
def proposal(kel_facilitator):
    cycle = make_cycle(Phase.INTAKE)
    return services.submit_proposal(
        cycle=cycle, data=proposal_data(0, item=ItemFactory()), by_staff=kel_facilitator
    ).proposal


def test_list_inspect_and_deliberation_scoped_to_the_region(
    client, proposal, kel_facilitator, other_kel_facilitator
):
    client.force_login(kel_facilitator)
    listing = client.get(reverse("musrenbang_proposal:index"))
    assert listing.status_code == 200 and proposal.reference in listing.content.decode()
    inspect = client.get(reverse("musrenbang_proposal:inspect", args=[proposal.pk]))
    assert inspect.status_code == 200 and "warga0@example.com" in inspect.content.decode()
    desk = client.get(reverse("musrenbang_proposal:deliberation"))
    assert desk.status_code == 200 and proposal.reference in desk.content.decode()

    client.force_login(other_kel_facilitator)
    assert proposal.reference not in client.get(reverse("musrenbang_proposal:index")).content.decode()
    refused = client.get(reverse("musrenbang_proposal:inspect", args=[proposal.pk]))
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert refused.status_code in (302, 403, 404) and "warga0@example.com" not in refused.content.decode()
    response = client.post(reverse("musrenbang_proposal:action", args=[proposal.pk]), {"action": "verify"})
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_action_from_the_deliberation_screen(client, proposal, kel_facilitator):
    client.force_login(kel_facilitator)
    response = client.post(
        reverse("musrenbang_proposal:action", args=[proposal.pk]),
        {"action": "return", "note": "Lengkapi foto."},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.RETURNED
    event = proposal.events.latest("pk")
    assert event.note == "Lengkapi foto." and event.is_public and event.actor == kel_facilitator


def test_bappeda_manages_catalogue_and_cycles(client, bappeda):
    client.force_login(bappeda)
    for name in ("musrenbang_activityitem", "musrenbang_planningcycle", "musrenbang_sector"):
        assert (
            client.get(reverse(f"wagtailsnippets_musrenbang_{name.split('_', 1)[1]}:list")).status_code == 200
        )
    assert client.get(reverse("wagtailsnippets_musrenbang_activityitem:add")).status_code == 200


def test_the_staff_export_makes_proposers_text_inert_in_spreadsheets(client, kel_facilitator):
    """Titles and names come from residents: a formula in them must not run in the spreadsheet
    of the facilitator who opens the export."""
    import csv
    import io

    cycle = make_cycle(Phase.INTAKE)
    data = proposal_data(0, item=ItemFactory(), title="=1+2 jalan", proposer_name="@Budi")
    proposal = services.submit_proposal(cycle=cycle, data=data, by_staff=kel_facilitator).proposal
    client.force_login(kel_facilitator)
    response = client.get(reverse("musrenbang_proposal:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if proposal.reference in r)
    assert "'=1+2 jalan" in row and "'@Budi" in row
