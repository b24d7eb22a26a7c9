"""The admin's site history report shows a proposal's history only to those who may see the
proposal: facilitators their own region's, Bappeda every region's.

Proposals are scoped by region (``smartcity.musrenbang.access.visible_proposals``), not by
agency: their ``agency`` is the one whose plan takes them once accepted, and a facilitator may
also work for an agency.
"""

import pytest
from django.urls import reverse

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase, Proposal
from smartcity.musrenbang.workflow import PROPOSAL_WORKFLOW
from tests.complaints.factories import StaffMemberFactory
from tests.factories import UserFactory

from .factories import ItemFactory, agency, facilitator, kelurahan, make_cycle, proposal_data

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtailadmin_reports:site_history")


def report_csv(client, user) -> str:
    client.force_login(user)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def verified(cycle, user, region, n: int) -> Proposal:
    """A proposal of ``region`` entered and verified by its facilitator ``user`` (one log row)."""
    proposal = services.submit_proposal(
        cycle=cycle, data=proposal_data(n, item=ItemFactory(), kel=region), by_staff=user
    ).proposal
    PROPOSAL_WORKFLOW.apply(proposal, "verify", user)
    return proposal


@pytest.fixture
def proposals(kel, kel_facilitator, other_kel_facilitator):
    """Three proposals: one of the facilitator's kelurahan, one of a neighbouring kelurahan of the
    same kecamatan, and one of another kecamatan that the city forum took into PUPR's plan."""
    cycle = make_cycle(Phase.INTAKE)
    far_kelurahan = kelurahan(8)
    assert far_kelurahan.kecamatan_id != kel.kecamatan_id
    far_facilitator = UserFactory(username="fasil-jauh", groups=["Musrenbang kelurahan facilitators"])
    facilitator(far_facilitator, far_kelurahan)
    own = verified(cycle, kel_facilitator, kel, 1)
    neighbour = verified(cycle, other_kel_facilitator, kelurahan(5), 2)
    assert neighbour.kecamatan_id == kel.kecamatan_id and neighbour.kelurahan_id != kel.pk
    far = verified(cycle, far_facilitator, far_kelurahan, 3)
    Proposal.objects.filter(pk=far.pk).update(agency=agency(), status=Proposal.Status.ACCEPTED)
    return own, neighbour, far


def test_kelurahan_facilitator_sees_only_their_kelurahans_history(client, kel_facilitator, proposals):
    own, neighbour, far = proposals
    # A facilitator may also work for an agency: that must not open other regions' proposals
    # accepted into the agency's plan.
    StaffMemberFactory(agency=agency(), user=kel_facilitator)
    csv = report_csv(client, kel_facilitator)
    assert own.reference in csv
    assert neighbour.reference not in csv
    assert far.reference not in csv
    html = client.get(REPORT).content.decode()
    assert own.reference in html and far.reference not in html and neighbour.reference not in html


def test_kecamatan_facilitator_sees_their_kecamatans_history(client, kec_facilitator, proposals):
    own, neighbour, far = proposals
    csv = report_csv(client, kec_facilitator)
    assert own.reference in csv and neighbour.reference in csv
    assert far.reference not in csv


def test_bappeda_sees_every_regions_history(client, bappeda, proposals):
    csv = report_csv(client, bappeda)
    assert all(proposal.reference in csv for proposal in proposals)


def test_the_complaint_desk_without_a_musrenbang_role_sees_no_proposal_history(client, proposals):
    desk = UserFactory(username="meja", groups=["Case supervisors"])
    csv = report_csv(client, desk)
    assert not any(proposal.reference in csv for proposal in proposals)


@pytest.mark.parametrize("params", [{}, {"export": "csv"}])
def test_report_queries_do_not_grow_with_the_entries(client, kel, kel_facilitator, params):
    from tests.core.test_case_log_visibility import report_queries

    cycle = make_cycle(Phase.INTAKE)
    verified(cycle, kel_facilitator, kel, 0)
    client.force_login(kel_facilitator)
    one = report_queries(client, params)
    far_facilitator = UserFactory(username="fasil-jauh", groups=["Musrenbang kelurahan facilitators"])
    facilitator(far_facilitator, kelurahan(8))
    for n in range(1, 12):
        if n % 2:
            verified(cycle, kel_facilitator, kel, n)
        else:
            verified(cycle, far_facilitator, kelurahan(8), n)
    many = report_queries(client, params)
    assert one == many
