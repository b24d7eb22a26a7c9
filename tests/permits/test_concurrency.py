"""Officers acting at once and applicants submitting at once, on PostgreSQL with real connections.

Core's workflow locks the application's row (``select_for_update``) for each transition, so two
officers acting on the same application give one transition and one clean refusal
(``TransitionNotAllowed``, nothing written); registration numbers are taken in the submitting
transaction (``core.numbering``), so parallel submissions get consecutive numbers without gaps.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from smartcity.core.models import Agency, ReferenceSequence
from smartcity.core.workflow import CITIZEN, TransitionNotAllowed
from smartcity.permits import roles, services
from smartcity.permits.demo import seed_catalogue
from smartcity.permits.models import Permit, PermitApplication, PermitApplicationEvent, PermitType
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.complaints.factories import load_reference_data
from tests.permits.factories import draft, staff

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = PermitApplication.Status
SUBMISSIONS = 12


@pytest.fixture
def setup():
    load_reference_data()  # a transactional test starts from a flushed database
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    seed_catalogue()
    agency = Agency.objects.get(short_name="DPMPTSP")
    return {
        "research": PermitType.objects.get(slug="izin-penelitian"),
        "front_office": [staff(f"loket{n}", roles.FRONT_OFFICE, agency) for n in (1, 2)],
        "reviewer": staff("teknis", roles.TECHNICAL_REVIEWERS, agency),
        "heads": [staff(f"kadis{n}", roles.DECISION_MAKERS, agency) for n in (1, 2)],
    }


def run_at_once(*actions) -> list[object]:
    """Run each action in its own thread (its own connection), released together; the results
    (a return value or the exception raised), in the order given."""
    barrier = threading.Barrier(len(actions), timeout=30)
    results: list[object] = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except BaseException as error:  # checked by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def one_done_one_refused(results) -> int:
    """The index of the action that went through; the other was refused cleanly."""
    refused = [i for i, r in enumerate(results) if isinstance(r, TransitionNotAllowed)]
    done = [i for i, r in enumerate(results) if not isinstance(r, BaseException)]
    assert len(done) == 1 and len(refused) == 1, results
    return done[0]


def in_decision(setup) -> PermitApplication:
    application = draft(setup["research"], now=timezone.now())
    services.submit(application, CITIZEN)
    APPLICATION_WORKFLOW.apply(application, "verify", setup["front_office"][0])
    APPLICATION_WORKFLOW.apply(application, "recommend", setup["reviewer"])
    application.refresh_from_db()
    assert application.status == S.DECISION
    return application


def status_events(application) -> list[tuple[str, str]]:
    return list(
        PermitApplicationEvent.objects.filter(case=application, kind=PermitApplicationEvent.Kind.STATUS)
        .order_by("pk")
        .values_list("from_status", "to_status")
    )


def test_two_heads_approving_and_rejecting_at_once_give_one_decision(setup):
    application = in_decision(setup)
    head1, head2 = setup["heads"]
    before = status_events(application)
    results = run_at_once(
        lambda: services.approve(PermitApplication.objects.get(pk=application.pk), head1),
        lambda: services.reject(
            PermitApplication.objects.get(pk=application.pk), head2, "Lokasi tidak sesuai"
        ),
    )
    winner = one_done_one_refused(results)
    application.refresh_from_db()
    added = status_events(application)[len(before) :]
    if winner == 0:
        assert application.status == S.ISSUED and application.decided_by == head1
        assert added == [(S.DECISION, S.APPROVED), (S.APPROVED, S.ISSUED)]
        assert Permit.objects.filter(application=application).count() == 1
    else:
        assert application.status == S.REJECTED and application.decided_by == head2
        assert added == [(S.DECISION, S.REJECTED)]
        assert not Permit.objects.filter(application=application).exists()


def test_two_heads_approving_at_once_issue_one_permit(setup):
    application = in_decision(setup)
    results = run_at_once(
        *(
            (lambda head=head: services.approve(PermitApplication.objects.get(pk=application.pk), head))
            for head in setup["heads"]
        )
    )
    one_done_one_refused(results)
    application.refresh_from_db()
    assert application.status == S.ISSUED
    assert Permit.objects.filter(application=application).count() == 1
    assert [e for e in status_events(application) if e[1] == S.APPROVED] == [(S.DECISION, S.APPROVED)]
    # The permit number was taken once: no gap for the refused approval.
    assert ReferenceSequence.objects.get(prefix__startswith="SK").last_number == 1


def test_two_front_office_officers_verifying_and_returning_at_once_give_one_transition(setup):
    application = draft(setup["research"], now=timezone.now())
    services.submit(application, CITIZEN)
    officer1, officer2 = setup["front_office"]
    results = run_at_once(
        lambda: services.perform_staff_action(
            PermitApplication.objects.get(pk=application.pk), "verify", officer1
        ),
        lambda: services.return_to_applicant(
            PermitApplication.objects.get(pk=application.pk), officer2, "KTP-el tidak terbaca"
        ),
    )
    winner = one_done_one_refused(results)
    application.refresh_from_db()
    events = status_events(application)
    assert events[0] == ("draft", S.SUBMITTED) and len(events) == 2
    if winner == 0:
        assert application.status == S.REVIEW and application.verified_by == officer1
        assert application.missing_items == ""
    else:
        assert application.status == S.RETURNED and application.missing_items == "KTP-el tidak terbaca"
        assert application.verified_by is None


def test_parallel_submissions_get_consecutive_gap_free_numbers(setup):
    drafts = [
        draft(setup["research"], now=timezone.now(), applicant_name=f"Pemohon {n}")
        for n in range(SUBMISSIONS)
    ]
    assert all(d.reference.startswith(PermitApplication.DRAFT_PREFIX) for d in drafts)
    results = run_at_once(
        *((lambda pk=d.pk: services.submit(PermitApplication.objects.get(pk=pk), CITIZEN)) for d in drafts)
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    references = dict(PermitApplication.objects.values_list("applicant_name", "reference"))
    assert len(set(references.values())) == SUBMISSIONS
    year = timezone.localtime().year
    matches = [re.fullmatch(rf"IZN-{year}-(\d{{6}})", r) for r in references.values()]
    assert all(matches), references
    assert sorted(int(m[1]) for m in matches) == list(range(1, SUBMISSIONS + 1))
    assert ReferenceSequence.objects.get(prefix="IZN").last_number == SUBMISSIONS
    assert PermitApplication.objects.filter(status=S.SUBMITTED).count() == SUBMISSIONS
