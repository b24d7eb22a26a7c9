"""The one workflow mechanism: declared transitions, a permission each, history and audit log.

A small transition table over the Complaint model (the concrete case) exercises the engine
itself; the complaint service's own table is tested with the complaints.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import translation

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.core.models import Agency, CaseLogEntry
from smartcity.core.workflow import LOG_ACTION, Transition, TransitionNotAllowed, Workflow
from tests.complaints.factories import ComplaintFactory, load_reference_data
from tests.factories import UserFactory

S = Complaint.Status


class Citizen:
    is_authenticated = False
    is_citizen = True


def officers_only(user, case):
    return getattr(user, "username", "").startswith("petugas")


def anyone(user, case):
    return True


def move_agency(case, options):
    if options.get("agency") is None:
        raise ValidationError({"agency": "Choose an agency."})
    case.agency = options["agency"]
    case.address = f"moved by {options['user'].username}: {options['note']}"


WORKFLOW = Workflow(
    [
        Transition("verify", "Verify", (S.RECEIVED,), S.VERIFIED, officers_only),
        Transition(
            "reject", "Reject", (S.RECEIVED, S.VERIFIED), S.REJECTED, officers_only, note_required=True
        ),
        Transition(
            "handover",
            "Hand over",
            (S.VERIFIED,),
            S.ASSIGNED,
            officers_only,
            public_note=False,
            effect=move_agency,
        ),
        Transition("comment", "Citizen reopens", (S.RESOLVED,), S.ASSIGNED, anyone, note_required=True),
    ]
)


@pytest.fixture
def officer(db):
    return UserFactory(username="petugas1")


@pytest.fixture
def case(db):
    return ComplaintFactory(status=S.RECEIVED)


def snapshot(case) -> tuple:
    row = Complaint.objects.get(pk=case.pk)
    return (
        row.status,
        row.agency_id,
        row.address,
        row.rejection_reason,
        ComplaintEvent.objects.filter(case=case).count(),
        CaseLogEntry.objects.filter(action=LOG_ACTION).count(),
    )


@pytest.mark.django_db
def test_apply_moves_the_state_and_records_the_event_and_the_audit_log(case, officer):
    event = WORKFLOW.apply(case, "verify", officer, note="  Data lengkap.  ")

    assert case.status == S.VERIFIED  # the caller's object is up to date
    assert Complaint.objects.get(pk=case.pk).status == S.VERIFIED
    assert isinstance(event, ComplaintEvent) and event.pk
    assert event.case_id == case.pk
    assert event.kind == ComplaintEvent.Kind.STATUS
    assert (event.from_status, event.to_status) == (S.RECEIVED, S.VERIFIED)
    assert event.note == "Data lengkap."
    assert event.is_public is False  # notes stay among staff unless a transition says otherwise
    assert str(event.to_status_label) in ("Verified", "Terverifikasi")
    assert event.actor == officer
    assert event.by_citizen is False
    assert list(case.events.all()) == [event]

    (entry,) = CaseLogEntry.objects.filter(action=LOG_ACTION)
    assert entry.object_id == str(case.pk)
    assert entry.content_type.model_class() is Complaint
    assert entry.user_id == officer.pk
    assert entry.data == {"transition": "verify", "from": S.RECEIVED, "to": S.VERIFIED}
    assert CaseLogEntry.objects.for_instance(case).count() == 1


@pytest.mark.django_db
def test_the_note_can_be_made_internal_or_public(case, officer):
    internal = WORKFLOW.apply(case, "verify", officer, note="Cek lokasi dulu.", is_public=False)
    assert internal.is_public is False
    case2 = ComplaintFactory(status=S.VERIFIED, agency=None)
    handover = WORKFLOW.apply(case2, "handover", officer, note="Wewenang PUPR", agency=Agency.objects.first())
    assert handover.is_public is False  # public_note=False on the transition
    case3 = ComplaintFactory(status=S.VERIFIED)
    shown = WORKFLOW.apply(
        case3, "handover", officer, note="x", is_public=True, agency=Agency.objects.first()
    )
    assert shown.is_public is True


@pytest.mark.django_db
def test_effects_get_the_options_and_their_changes_are_saved(officer, django_assert_max_num_queries):
    first, second = Agency.objects.order_by("pk")[:2]
    case = ComplaintFactory(status=S.VERIFIED, agency=first)
    assert case.agency == first  # the related object is now cached on the caller's instance

    WORKFLOW.apply(case, "handover", officer, note="salah alamat", agency=second)

    stored = Complaint.objects.get(pk=case.pk)
    assert (stored.status, stored.agency_id) == (S.ASSIGNED, second.pk)
    assert stored.address == "moved by petugas1: salah alamat"
    assert case.agency_id == second.pk
    assert case.agency == second  # no stale cached agency on the caller's object
    assert case.address == stored.address


@pytest.mark.django_db
def test_a_citizen_acts_without_an_account(officer):
    case = ComplaintFactory(status=S.RESOLVED)
    event = WORKFLOW.apply(case, "comment", Citizen(), note="Masih rusak.")
    assert event.actor is None
    assert event.by_citizen is True
    assert CaseLogEntry.objects.get(action=LOG_ACTION).user is None


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.VERIFIED, S.ASSIGNED, S.RESOLVED, S.CLOSED, S.REJECTED])
def test_a_transition_from_the_wrong_state_is_refused_and_changes_nothing(status, officer):
    reason = Complaint.RejectionReason.SPAM if status == S.REJECTED else ""
    case = ComplaintFactory(status=status, rejection_reason=reason)
    before = snapshot(case)
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.apply(case, "verify", officer)
    assert snapshot(case) == before
    assert case.status == status


@pytest.mark.django_db
def test_the_state_is_read_from_the_database_not_from_the_callers_object(case, officer):
    Complaint.objects.filter(pk=case.pk).update(status=S.VERIFIED)  # someone else was faster
    assert case.status == S.RECEIVED
    before = snapshot(case)
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.apply(case, "verify", officer)
    assert snapshot(case) == before


@pytest.mark.django_db
@pytest.mark.parametrize("user", [None, "anonymous", "stranger"])
def test_a_forbidden_user_is_refused_and_nothing_changes(case, user):
    from django.contrib.auth.models import AnonymousUser

    actor = {"anonymous": AnonymousUser(), "stranger": UserFactory(username="warga"), None: None}[user]
    before = snapshot(case)
    with pytest.raises(PermissionDenied):
        WORKFLOW.apply(case, "verify", actor)
    assert snapshot(case) == before
    assert case.status == S.RECEIVED


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_required_note_must_be_given(case, officer, note):
    before = snapshot(case)
    with pytest.raises(ValidationError) as caught:
        WORKFLOW.apply(case, "reject", officer, note=note)
    assert "note" in caught.value.message_dict
    assert not isinstance(caught.value, TransitionNotAllowed)
    assert snapshot(case) == before


@pytest.mark.django_db
def test_an_effect_that_refuses_rolls_everything_back(officer):
    case = ComplaintFactory(status=S.VERIFIED)
    before = snapshot(case)
    with pytest.raises(ValidationError) as caught:
        WORKFLOW.apply(case, "handover", officer, note="tanpa tujuan")  # no agency given
    assert "agency" in caught.value.message_dict
    assert snapshot(case) == before
    assert case.status == S.VERIFIED


@pytest.mark.django_db
def test_an_unknown_transition_is_refused(case, officer):
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.apply(case, "teleport", officer)
    assert not WORKFLOW.can(case, officer, "teleport")


@pytest.mark.django_db
def test_available_and_can_follow_the_state_and_the_user(case, officer):
    stranger = UserFactory(username="warga")
    assert [t.name for t in WORKFLOW.available(case, officer)] == ["verify", "reject"]
    assert WORKFLOW.available(case, stranger) == []
    assert WORKFLOW.can(case, officer, "verify") and not WORKFLOW.can(case, stranger, "verify")
    assert not WORKFLOW.can(case, officer, "handover")
    WORKFLOW.apply(case, "verify", officer)
    assert [t.name for t in WORKFLOW.available(case, officer)] == ["reject", "handover"]
    assert not WORKFLOW.can(case, officer, "verify")


@pytest.mark.django_db
def test_the_audit_log_entry_reads_as_a_status_change(case, officer):
    WORKFLOW.apply(case, "verify", officer)
    entry = CaseLogEntry.objects.get(action=LOG_ACTION)
    with translation.override("en"):
        assert entry.message == "Status changed from “Received” to “Verified”"
        assert str(entry.formatter.label) == "Change case status"
    with translation.override("id"):
        message = str(CaseLogEntry.objects.get(pk=entry.pk).message)
        assert str(S.RECEIVED.label) in message and str(S.VERIFIED.label) in message


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_applies_of_the_same_transition_only_one_succeeds():
    load_reference_data()  # a transactional test starts from a flushed database
    officer = UserFactory(username="petugas1")
    case = ComplaintFactory(status=S.RECEIVED)
    workers = 2
    barrier = threading.Barrier(workers, timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker():
        try:
            copy = Complaint.objects.get(pk=case.pk)  # each officer has the page open
            barrier.wait()
            WORKFLOW.apply(copy, "verify", officer, note="ok")
            result = "applied"
        except TransitionNotAllowed:
            result = "refused"
        except BaseException as error:
            result = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["applied", "refused"]
    assert Complaint.objects.get(pk=case.pk).status == S.VERIFIED
    assert ComplaintEvent.objects.filter(case_id=case.pk, kind=ComplaintEvent.Kind.STATUS).count() == 1
    assert CaseLogEntry.objects.filter(action=LOG_ACTION, object_id=str(case.pk)).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_case_row_is_locked_while_a_transition_runs():
    from django.db import OperationalError, connections, transaction

    load_reference_data()
    officer = UserFactory(username="petugas1")
    case = ComplaintFactory(status=S.VERIFIED)
    seen: list[str] = []

    def probe():
        # From another connection: the row must be locked while the effect runs.
        try:
            with transaction.atomic():
                Complaint.objects.select_for_update(nowait=True).get(pk=case.pk)
            seen.append("free")
        except OperationalError:
            seen.append("locked")
        finally:
            connections["default"].close()

    def probing_effect(locked_case, options):
        thread = threading.Thread(target=probe)
        thread.start()
        thread.join(timeout=30)
        locked_case.agency = options["agency"]

    workflow = Workflow(
        [Transition("handover", "Hand over", (S.VERIFIED,), S.ASSIGNED, officers_only, effect=probing_effect)]
    )
    workflow.apply(case, "handover", officer, agency=Agency.objects.first())
    assert seen == ["locked"]
    probe()
    assert seen == ["locked", "free"]
