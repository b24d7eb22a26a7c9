"""The complaint workflow: who may move a complaint from which state to which, and what it leaves.

Every transition is tried by every role (case supervisor, superuser, officer of the handling
agency, officer of another agency, an editor without a case role, an anonymous visitor and
the citizen holding the access token), from every state it starts from and every state it
does not.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.complaints.workflow import CITIZEN, COMPLAINT_WORKFLOW
from smartcity.core.models import CaseLogEntry
from smartcity.core.workflow import LOG_ACTION, TransitionNotAllowed
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

S = Complaint.Status
ROLES = ["supervisor", "superuser", "officer", "other_officer", "editor", "anonymous", "citizen"]
SUPERVISORS = {"supervisor", "superuser"}
AGENCY_STAFF = SUPERVISORS | {"officer"}
WHO_MAY = {
    "verify": SUPERVISORS,
    "assign": SUPERVISORS,
    "reassign": AGENCY_STAFF,
    "start": AGENCY_STAFF,
    "resolve": AGENCY_STAFF,
    "close": SUPERVISORS,
    "reject": SUPERVISORS,
    "reopen": {"citizen"},
}
# A role that may perform each transition, for the wrong-state tests.
SOME_ALLOWED_ROLE = {name: sorted(roles)[-1] for name, roles in WHO_MAY.items()}


def make_case(status, agency, **fields):
    """A complaint of ``agency`` in ``status``, consistent with how it got there."""
    now = timezone.now()
    if status in (S.RESOLVED, S.CLOSED):
        fields.setdefault("resolved_at", now - datetime.timedelta(days=1))
        fields.setdefault("first_responded_at", now - datetime.timedelta(days=2))
    if status == S.CLOSED:
        fields.setdefault("closed_at", now - datetime.timedelta(hours=1))
    if status == S.REJECTED:
        fields.setdefault("rejection_reason", Complaint.RejectionReason.SPAM)
    return ComplaintFactory(status=status, agency=agency, **fields)


def options_for(name, dlh):
    return {"reassign": {"agency": dlh}, "reject": {"reason": Complaint.RejectionReason.OUT_OF_SCOPE}}.get(
        name, {}
    )


ALLOWED_CASES = [
    (name, source, role)
    for name, transition in COMPLAINT_WORKFLOW.transitions.items()
    for source in transition.sources
    for role in ROLES
]


def test_the_table_covers_every_transition():
    assert set(WHO_MAY) == set(COMPLAINT_WORKFLOW.transitions)


@pytest.mark.parametrize(("name", "source", "role"), ALLOWED_CASES)
def test_who_may_perform_each_transition(name, source, role, actor, pupr, dlh):
    """From each state a transition starts from: allowed roles move the case, others get 403."""
    user = actor(role)
    case = make_case(source, pupr)
    transition = COMPLAINT_WORKFLOW.transitions[name]
    allowed = role in WHO_MAY[name]
    assert COMPLAINT_WORKFLOW.can(case, user, name) is allowed
    assert (transition in COMPLAINT_WORKFLOW.available(case, user)) is allowed
    events_before = case.events.count()

    if not allowed:
        with pytest.raises(PermissionDenied):
            COMPLAINT_WORKFLOW.apply(case, name, user, note="Alasan", **options_for(name, dlh))
        case.refresh_from_db()
        assert case.status == source
        assert case.events.count() == events_before
        return

    before = timezone.now()
    event = COMPLAINT_WORKFLOW.apply(case, name, user, note="  Alasan tindakan  ", **options_for(name, dlh))
    case.refresh_from_db()
    assert case.status == transition.target
    # The history row: what, from, to, why, for whom, by whom, when.
    assert case.events.count() == events_before + 1
    assert event.kind == ComplaintEvent.Kind.STATUS
    assert (event.from_status, event.to_status) == (source, transition.target)
    assert event.note == "Alasan tindakan"
    assert event.is_public is transition.public_note
    if role == "citizen":
        assert event.actor is None
        assert event.by_citizen is True
    else:
        assert event.actor == user
        assert event.by_citizen is False
    # For whom: the agency's officer acts for the agency, the desk for itself.
    assert event.actor_agency_id == (pupr.pk if role == "officer" else None)
    assert before <= event.created_at <= timezone.now()
    # ...and the same change in Wagtail's audit log.
    log = CaseLogEntry.objects.get(object_id=str(case.pk), action=LOG_ACTION)
    assert log.data == {"transition": name, "from": source, "to": transition.target}
    assert log.user_id == (None if role == "citizen" else user.pk)


WRONG_STATE_CASES = [
    (name, status)
    for name, transition in COMPLAINT_WORKFLOW.transitions.items()
    for status in S.values
    if status not in transition.sources
]


@pytest.mark.parametrize(("name", "status"), WRONG_STATE_CASES)
def test_no_transition_from_a_state_it_does_not_start_from(name, status, actor, pupr, dlh):
    user = actor(SOME_ALLOWED_ROLE[name])
    case = make_case(status, pupr)
    events_before = case.events.count()
    assert not COMPLAINT_WORKFLOW.can(case, user, name)
    with pytest.raises(TransitionNotAllowed):
        COMPLAINT_WORKFLOW.apply(case, name, user, note="Alasan", **options_for(name, dlh))
    case.refresh_from_db()
    assert case.status == status
    assert case.events.count() == events_before


def test_an_unknown_action_is_refused(complaint, supervisor):
    with pytest.raises(TransitionNotAllowed):
        COMPLAINT_WORKFLOW.apply(complaint, "delete", supervisor)


def test_the_state_is_checked_on_the_stored_row_not_a_stale_copy(complaint, supervisor):
    stale = Complaint.objects.get(pk=complaint.pk)
    COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor)
    with pytest.raises(TransitionNotAllowed):
        COMPLAINT_WORKFLOW.apply(stale, "verify", supervisor)
    assert complaint.events.filter(kind=ComplaintEvent.Kind.STATUS).count() == 1


def test_an_inactive_supervisor_may_do_nothing(complaint, supervisor):
    supervisor.is_active = False
    supervisor.save()
    with pytest.raises(PermissionDenied):
        COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor)


def test_a_former_officer_of_the_agency_may_not_act(officer, pupr):
    case = make_case(S.ASSIGNED, pupr)
    officer.agency_memberships.update(is_active=False)
    officer.refresh_from_db()  # drop the memoised agency list
    with pytest.raises(PermissionDenied):
        COMPLAINT_WORKFLOW.apply(case, "start", officer)


# --- effects -------------------------------------------------------------------------------


def test_verify_records_the_first_response(complaint, supervisor):
    assert complaint.first_responded_at is None
    COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor)
    complaint.refresh_from_db()
    assert complaint.first_responded_at is not None


def test_the_first_response_time_is_never_overwritten(pupr, supervisor):
    earlier = timezone.now() - datetime.timedelta(days=1)
    case = make_case(S.RECEIVED, pupr, first_responded_at=earlier)
    COMPLAINT_WORKFLOW.apply(case, "verify", supervisor)
    case.refresh_from_db()
    assert case.first_responded_at == earlier


def test_assign_sets_the_chosen_agency(complaint, supervisor, dlh):
    COMPLAINT_WORKFLOW.apply(complaint, "assign", supervisor, agency=dlh)
    complaint.refresh_from_db()
    assert complaint.agency == dlh
    assert complaint.status == S.ASSIGNED
    assert complaint.first_responded_at is not None


def test_assign_without_a_choice_keeps_the_agency_or_takes_the_category_default(supervisor, pupr):
    case = make_case(S.VERIFIED, pupr)
    COMPLAINT_WORKFLOW.apply(case, "assign", supervisor)
    assert Complaint.objects.get(pk=case.pk).agency == pupr
    orphan = make_case(S.RECEIVED, None)
    COMPLAINT_WORKFLOW.apply(orphan, "assign", supervisor)
    orphan.refresh_from_db()
    assert orphan.agency == orphan.category.default_agency


@pytest.mark.parametrize("source", [S.ASSIGNED, S.IN_PROGRESS])
def test_reassign_hands_the_case_to_the_other_agency(source, officer, other_officer, pupr, dlh):
    case = make_case(source, pupr)
    event = COMPLAINT_WORKFLOW.apply(case, "reassign", officer, note="Bukan wewenang PUPR", agency=dlh)
    case.refresh_from_db()
    assert case.agency == dlh
    assert case.status == S.ASSIGNED
    assert event.is_public is False  # an internal hand-over by default
    # The old agency's officer can no longer act on it, the new agency's can.
    assert not COMPLAINT_WORKFLOW.can(case, officer, "start")
    other_officer._agency_ids = None
    assert COMPLAINT_WORKFLOW.can(case, other_officer, "start")


@pytest.mark.parametrize("agency", [None, "same"])
def test_reassign_needs_another_agency(agency, officer, pupr):
    case = make_case(S.ASSIGNED, pupr)
    with pytest.raises(ValidationError) as error:
        COMPLAINT_WORKFLOW.apply(
            case, "reassign", officer, note="Pindah", agency=pupr if agency == "same" else None
        )
    assert "agency" in error.value.message_dict
    case.refresh_from_db()
    assert (case.status, case.agency) == (S.ASSIGNED, pupr)
    assert not case.events.filter(kind=ComplaintEvent.Kind.STATUS).exists()


@pytest.mark.parametrize("name", ["reassign", "resolve", "reject"])
def test_some_transitions_need_a_note(name, supervisor, pupr, dlh):
    case = make_case(S.ASSIGNED, pupr)
    with pytest.raises(ValidationError) as error:
        COMPLAINT_WORKFLOW.apply(case, name, supervisor, note="   ", **options_for(name, dlh))
    assert "note" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == S.ASSIGNED


def test_resolve_records_when(pupr, officer):
    case = make_case(S.IN_PROGRESS, pupr, first_responded_at=timezone.now() - datetime.timedelta(days=1))
    COMPLAINT_WORKFLOW.apply(case, "resolve", officer, note="Jalan sudah ditambal")
    case.refresh_from_db()
    assert case.resolved_at is not None
    assert case.first_responded_at < case.resolved_at


def test_resolve_straight_from_assigned_counts_as_first_response(pupr, officer):
    case = make_case(S.ASSIGNED, pupr)
    COMPLAINT_WORKFLOW.apply(case, "resolve", officer, note="Selesai")
    case.refresh_from_db()
    assert case.first_responded_at == case.resolved_at


def test_close_records_when(pupr, supervisor):
    case = make_case(S.RESOLVED, pupr)
    COMPLAINT_WORKFLOW.apply(case, "close", supervisor)
    case.refresh_from_db()
    assert case.closed_at is not None


def test_reject_needs_a_reason(complaint, supervisor):
    with pytest.raises(ValidationError) as error:
        COMPLAINT_WORKFLOW.apply(complaint, "reject", supervisor, note="Tidak jelas", reason="")
    assert "reason" in error.value.message_dict
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED
    assert complaint.rejection_reason == ""


def test_reject_as_duplicate_points_at_the_original(complaint, supervisor, pupr):
    original = make_case(S.IN_PROGRESS, pupr)
    event = COMPLAINT_WORKFLOW.apply(
        complaint, "reject", supervisor, note="Sudah dilaporkan", reason="duplicate", duplicate_of=original
    )
    complaint.refresh_from_db()
    assert complaint.status == S.REJECTED
    assert complaint.rejection_reason == Complaint.RejectionReason.DUPLICATE
    assert complaint.duplicate_of == original
    assert event.is_public is True  # the reporter is told why
    assert complaint.first_responded_at is not None


def test_reopen_within_14_days_starts_over(pupr):
    case = make_case(
        S.CLOSED, pupr, rating=2, rating_comment="Belum beres", rated_at=timezone.now(), reopened_count=1
    )
    event = COMPLAINT_WORKFLOW.apply(case, "reopen", CITIZEN, note="Lubangnya muncul lagi")
    case.refresh_from_db()
    assert case.status == S.ASSIGNED
    assert case.reopened_count == 2
    assert (case.resolved_at, case.closed_at, case.rating, case.rating_comment, case.rated_at) == (
        None,
        None,
        None,
        "",
        None,
    )
    assert event.by_citizen and event.actor is None and event.is_public


@pytest.mark.parametrize("status", [S.RESOLVED, S.CLOSED])
def test_no_reopening_after_14_days(status, pupr):
    case = make_case(status, pupr, resolved_at=timezone.now() - datetime.timedelta(days=15))
    assert not COMPLAINT_WORKFLOW.can(case, CITIZEN, "reopen")
    with pytest.raises(PermissionDenied):
        COMPLAINT_WORKFLOW.apply(case, "reopen", CITIZEN, note="Masih rusak")
    case.refresh_from_db()
    assert case.status == status
    assert case.reopened_count == 0


def test_reopening_on_the_14th_day_is_still_possible(pupr):
    case = make_case(S.RESOLVED, pupr, resolved_at=timezone.now() - datetime.timedelta(days=13, hours=23))
    assert COMPLAINT_WORKFLOW.can(case, CITIZEN, "reopen")


def test_the_note_visibility_can_be_chosen(complaint, supervisor):
    event = COMPLAINT_WORKFLOW.apply(
        complaint, "verify", supervisor, note="Cek lapangan dulu", is_public=False
    )
    assert event.is_public is False
    # The citizen sees the change, not the note.
    (shown,) = complaint.public_events().filter(pk=event.pk)
    assert shown.note_for_citizen == ""


def test_a_whole_life_leaves_a_complete_history(complaint, supervisor, officer, dlh, other_officer):
    steps = [
        ("verify", supervisor, {}),
        ("assign", supervisor, {}),
        ("start", officer, {}),
        ("reassign", officer, {"agency": dlh}),
        ("start", other_officer, {}),
        ("resolve", other_officer, {}),
        ("close", supervisor, {}),
    ]
    for name, user, options in steps:
        user._agency_ids = None  # memberships are memoised per request
        COMPLAINT_WORKFLOW.apply(complaint, name, user, note=f"Langkah {name}", **options)
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED
    history = list(complaint.events.filter(kind=ComplaintEvent.Kind.STATUS))
    assert [e.note for e in history] == [f"Langkah {name}" for name, _user, _options in steps]
    assert [e.actor for e in history] == [user for _name, user, _options in steps]
    assert [(e.from_status, e.to_status) for e in history] == [
        (S.RECEIVED, S.VERIFIED),
        (S.VERIFIED, S.ASSIGNED),
        (S.ASSIGNED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.ASSIGNED),
        (S.ASSIGNED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.RESOLVED),
        (S.RESOLVED, S.CLOSED),
    ]
    assert [e.created_at for e in history] == sorted(e.created_at for e in history)
