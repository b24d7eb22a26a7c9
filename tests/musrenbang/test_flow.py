"""The proposal's flow: phase gates, levels, quotas, ranking with tie-breaks, history."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from smartcity.core.workflow import CITIZEN
from smartcity.musrenbang import services
from smartcity.musrenbang.models import Level, Phase, Proposal, ProposalEvent
from smartcity.musrenbang.workflow import PROPOSAL_WORKFLOW

from .factories import ItemFactory, kelurahan, make_cycle, move_to, proposal_data

S = Proposal.Status


def staff_proposal(cycle, user, n=0, **overrides):
    item = overrides.pop("item", None) or ItemFactory()
    return services.submit_proposal(
        cycle=cycle, data=proposal_data(n, item=item, **overrides), by_staff=user
    ).proposal


@pytest.fixture
def cycle(db):
    return make_cycle(Phase.INTAKE)


def test_estimated_cost_is_volume_times_unit_cost(cycle, kel_facilitator):
    item = ItemFactory(unit_cost=Decimal("350000"))
    proposal = staff_proposal(cycle, kel_facilitator, item=item, volume=Decimal("12.5"))
    assert proposal.estimated_cost == Decimal("4375000")
    assert proposal.reference == "MUS-2026-000001"
    assert proposal.kecamatan_id == proposal.kelurahan.kecamatan_id
    assert proposal.events.get().kind == ProposalEvent.Kind.CREATED


def test_other_activity_needs_a_justified_cost(cycle, kel_facilitator):
    data = proposal_data(
        1,
        item=None,
        other_cost=None,
        sector=services.Proposal._meta.get_field("sector").related_model.objects.first(),
    )
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(cycle=cycle, data=data, by_staff=kel_facilitator)
    assert "other_cost" in error.value.message_dict
    data.update(other_cost=Decimal("25000000"), other_cost_justification="Penawaran dua toko bangunan.")
    proposal = services.submit_proposal(cycle=cycle, data=data, by_staff=kel_facilitator).proposal
    assert proposal.estimated_cost == Decimal("25000000")


def test_item_not_allowed_at_the_level_is_refused(cycle, kel_facilitator):
    item = ItemFactory(allowed_kelurahan=False)
    with pytest.raises(ValidationError) as error:
        staff_proposal(cycle, kel_facilitator, item=item)
    assert "item" in error.value.message_dict


def test_facilitator_enters_only_for_their_kelurahan(cycle, other_kel_facilitator):
    with pytest.raises(PermissionDenied):
        staff_proposal(cycle, other_kel_facilitator)


def test_web_proposal_waits_for_confirmation_then_is_submitted(cycle, django_capture_on_commit_callbacks):
    confirm = []
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submit_proposal(
            cycle=cycle,
            data=proposal_data(2, item=ItemFactory()),
            confirm_url=lambda t: confirm.append(t) or f"/k/{t}/",
        )
    proposal = submission.proposal
    assert proposal.status == S.UNCONFIRMED
    assert not Proposal.objects.public().filter(pk=proposal.pk).exists()
    assert len(mail.outbox) == 1 and confirm[0] in mail.outbox[0].body
    services.confirm_by_link(confirm[0])
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert list(proposal.events.values_list("to_status", flat=True)) == [S.UNCONFIRMED, S.SUBMITTED]


def test_phase_gates_each_action(cycle, kel_facilitator):
    proposal = staff_proposal(cycle, kel_facilitator)
    services.act(proposal, "verify", kel_facilitator)
    # Forwarding belongs to the kelurahan deliberation, not to intake.
    with pytest.raises(ValidationError, match="phase|tahap"):
        services.act(proposal, "forward_kecamatan", kel_facilitator)
    move_to(cycle, Phase.KECAMATAN)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.act(proposal, "forward_kecamatan", kel_facilitator)
    with pytest.raises(ValidationError):
        services.submit_proposal(cycle=cycle, data=proposal_data(9, item=ItemFactory()), confirm_url=str)


def test_staff_act_only_at_their_level_and_region(
    cycle, kel_facilitator, other_kel_facilitator, kec_facilitator, bappeda
):
    proposal = staff_proposal(cycle, kel_facilitator)
    for outsider in (other_kel_facilitator, kec_facilitator, bappeda):
        with pytest.raises(PermissionDenied):
            services.act(proposal, "verify", outsider)
    assert not PROPOSAL_WORKFLOW.can(proposal, kec_facilitator, "verify")
    services.act(proposal, "return", kel_facilitator, note="Lengkapi foto lokasi.")
    services.act(proposal, "resubmit", kel_facilitator)
    services.act(proposal, "verify", kel_facilitator)
    events = list(
        proposal.events.order_by("pk").values_list("from_status", "to_status", "actor__username", "note")
    )
    assert events[1:] == [
        (S.SUBMITTED, S.RETURNED, "fasil-kel", "Lengkapi foto lokasi."),
        (S.RETURNED, S.SUBMITTED, "fasil-kel", ""),
        (S.SUBMITTED, S.VERIFIED, "fasil-kel", ""),
    ]


def test_reject_needs_a_reason(cycle, kel_facilitator):
    proposal = staff_proposal(cycle, kel_facilitator)
    with pytest.raises(ValidationError):
        services.act(proposal, "reject", kel_facilitator)
    services.act(proposal, "reject", kel_facilitator, note="Bukan kewenangan kota.")
    proposal.refresh_from_db()
    assert proposal.status == S.REJECTED and proposal.decision_note == "Bukan kewenangan kota."


def _verified(cycle, user, count, **overrides):
    proposals = [staff_proposal(cycle, user, n, **overrides) for n in range(count)]
    for proposal in proposals:
        services.act(proposal, "verify", user)
    return proposals


def test_ranking_by_weighted_score_with_deterministic_tie_breaks(cycle, kel_facilitator):
    a, b, c, d = _verified(cycle, kel_facilitator, 4)
    Proposal.objects.filter(pk=b.pk).update(beneficiaries=500)  # same score as a, more beneficiaries
    Proposal.objects.filter(pk=c.pk).update(estimated_cost=Decimal("1000"))  # same score, cheaper
    move_to(cycle, Phase.KELURAHAN)
    u, m = list(cycle.criteria.order_by("sort_order"))
    for proposal in (a, b, c):
        proposal.refresh_from_db()
        assert services.record_scores(
            proposal, Level.KELURAHAN, {u.pk: 4, m.pk: 3}, kel_facilitator
        ) == Decimal("72.00")
    d.refresh_from_db()
    assert services.record_scores(d, Level.KELURAHAN, {u.pk: 5, m.pk: 5}, kel_facilitator) == Decimal(
        "100.00"
    )
    order = services.ranked(cycle, Level.KELURAHAN, a.kelurahan_id)
    assert [p.pk for p in order] == [d.pk, b.pk, c.pk, a.pk]
    assert [p.kelurahan_rank for p in order] == [1, 2, 3, 4]
    assert ProposalEvent.objects.filter(case=d, kind=ProposalEvent.Kind.SCORE).exists()


def test_scores_are_checked(cycle, kel_facilitator, kec_facilitator):
    (proposal,) = _verified(cycle, kel_facilitator, 1)
    u, m = list(cycle.criteria.all())
    with pytest.raises(ValidationError):  # intake: the deliberation is not open yet
        services.record_scores(proposal, Level.KELURAHAN, {u.pk: 1, m.pk: 1}, kel_facilitator)
    move_to(cycle, Phase.KELURAHAN)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.record_scores(proposal, Level.KELURAHAN, {u.pk: 6, m.pk: 1}, kel_facilitator)
    with pytest.raises(PermissionDenied):
        services.record_scores(proposal, Level.KELURAHAN, {u.pk: 1, m.pk: 1}, kec_facilitator)


def test_forward_within_quota_then_city_decides(cycle, kel_facilitator, kec_facilitator, bappeda):
    proposals = _verified(cycle, kel_facilitator, 3)
    move_to(cycle, Phase.KELURAHAN)
    u, m = list(cycle.criteria.all())
    for value, proposal in zip((2, 5, 3), proposals, strict=True):
        proposal.refresh_from_db()
        services.record_scores(proposal, Level.KELURAHAN, {u.pk: value, m.pk: value}, kel_facilitator)
    result = services.close_deliberation(cycle, Level.KELURAHAN, proposals[0].kelurahan_id, kel_facilitator)
    assert [p.pk for p in result["forwarded"]] == [proposals[1].pk, proposals[2].pk]  # quota 2
    assert [p.pk for p in result["held"]] == [proposals[0].pk]
    proposals[0].refresh_from_db()
    assert proposals[0].status == S.KELURAHAN_HELD
    # The quota holds for single actions too.
    other = staff_proposal(cycle, kel_facilitator, 7)
    services.act(other, "verify", kel_facilitator)
    with pytest.raises(services.QuotaUsedUp):
        services.act(other, "forward_kecamatan", kel_facilitator)

    move_to(cycle, Phase.KECAMATAN)
    best = Proposal.objects.get(pk=proposals[1].pk)
    with pytest.raises(PermissionDenied):
        services.act(best, "forward_city", kel_facilitator)
    services.act(best, "forward_city", kec_facilitator)
    move_to(cycle, Phase.CITY)
    best.refresh_from_db()
    with pytest.raises(ValidationError):
        services.act(best, "accept", bappeda, agreed_volume=None, agreed_cost=None)
    services.act(best, "accept", bappeda, agreed_volume=Decimal("80"), agreed_cost=Decimal("28000000"))
    best.refresh_from_db()
    assert best.status == S.ACCEPTED and best.agreed_cost == Decimal("28000000")
    assert best.agency.short_name == "PUPR"
    path = list(best.events.filter(kind="status").values_list("to_status", flat=True))
    assert path == [S.VERIFIED, S.AT_KECAMATAN, S.AT_CITY, S.ACCEPTED]
    assert [step["state"] for step in best.journey()] == ["passed"] * 4


def test_supporters_and_proposer_hear_of_each_stage(
    cycle, kel_facilitator, home_page, django_capture_on_commit_callbacks
):
    from .test_public import make_page

    make_page(home_page)
    proposal = staff_proposal(cycle, kel_facilitator)
    from smartcity.core import followers

    tokens = []
    followers.start_following(
        proposal,
        contact="tetangga@example.com",
        language="id",
        confirm_url=lambda t: tokens.append(t) or t,
        context={},
    )
    followers.confirm_following(tokens[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.act(proposal, "verify", kel_facilitator)
    assert [m.to for m in mail.outbox] == [["tetangga@example.com"]]
    assert proposal.reference in mail.outbox[0].subject


def test_citizen_cannot_confirm_after_intake(cycle):
    proposal = services.submit_proposal(
        cycle=cycle, data=proposal_data(3, item=ItemFactory()), confirm_url=str
    ).proposal
    move_to(cycle, Phase.KELURAHAN)
    proposal.refresh_from_db()
    assert not PROPOSAL_WORKFLOW.can(proposal, CITIZEN, "confirm")


def test_repeat_of_unfunded_earlier_proposal_needs_reason(kel_facilitator):
    earlier_cycle = make_cycle(Phase.INTAKE, year=2025)
    earlier = staff_proposal(earlier_cycle, kel_facilitator)
    services.act(earlier, "reject", kel_facilitator, note="Pagu habis.")
    move_to(earlier_cycle, Phase.FINAL)
    cycle = make_cycle(Phase.INTAKE, year=2026)
    with pytest.raises(ValidationError):
        staff_proposal(cycle, kel_facilitator, 1, repeats=earlier, repeat_reason="")
    again = staff_proposal(cycle, kel_facilitator, 1, repeats=earlier, repeat_reason="Jalan makin rusak.")
    assert [p.pk for p in again.lineage()] == [earlier.pk, again.pk]
    with pytest.raises(ValidationError):  # another kelurahan's proposal cannot be repeated here
        staff_proposal(cycle, kel_facilitator, 2, kel=kelurahan(0), repeats=again, repeat_reason="x")
