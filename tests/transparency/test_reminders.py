"""Deadline reminders: officers before a request's deadline and when it is missed, superiors
before an objection's; once per deadline, recorded in the request's (staff-only) history."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from smartcity.core import periodic
from smartcity.core.working_days import WIB, add_working_days
from smartcity.transparency import services
from smartcity.transparency.models import InformationRequest, RequestEvent
from tests.factories import AgencyFactory
from tests.transparency.factories import NOW, SUPERIORS, staff, submit

pytestmark = pytest.mark.django_db


def at(date: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=WIB)


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Dinas A")


@pytest.fixture
def people(agency):
    """An officer and a superior of the agency, and an officer of another agency."""
    return {
        "officer": staff("ppid-a", agency),
        "superior": staff("atasan-a", agency, SUPERIORS),
        "stranger": staff("ppid-b", AgencyFactory(name="Dinas B")),
    }


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run ``function(now=...)`` with the e-mails it queues delivered; return (count, e-mails)."""

    def run(function, now):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = function(now=now)
        return count, list(mail.outbox)

    return run


def notes(request) -> list[str]:
    return list(request.events.filter(kind=RequestEvent.Kind.NOTE).values_list("note", flat=True))


def test_officers_are_reminded_two_working_days_before_the_deadline_once(agency, people, sent):
    request = submit(agency, now=NOW).request  # due Tuesday 16 February 2027
    # Thursday 11: Friday and Monday are still to come.
    assert sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 11)))[0] == 0
    count, emails = sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 12)))
    assert count == 1
    assert [m.to for m in emails] == [[people["officer"].email]]  # not the superior, not agency B
    assert request.reference in emails[0].subject and "16-02-2027" in emails[0].subject
    assert f"/admin/ppid_request/inspect/{request.pk}/" in emails[0].body
    assert len(notes(request)) == 1 and "16-02-2027" in notes(request)[0]
    # Once: later runs, on the same or the next working day, remind nobody.
    assert sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 12), 15)) == (0, [])
    assert sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 15)))[0] == 0
    # The requester's timeline does not show staff reminders.
    assert not request.public_events().filter(kind=RequestEvent.Kind.NOTE).exists()


def test_an_extended_request_is_reminded_of_its_new_deadline_and_is_not_overdue_before_it(
    agency, people, sent
):
    request = submit(agency, now=NOW).request
    sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 12)))
    services.extend(request, people["officer"], "Dokumen di arsip kecamatan.")  # due Thursday 25
    request.refresh_from_db()
    assert sent(services.alert_overdue_requests, at(datetime.date(2027, 2, 17)))[0] == 0
    assert sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 22)))[0] == 0
    count, emails = sent(services.remind_requests_due_soon, at(datetime.date(2027, 2, 23)))
    assert count == 1 and "25-02-2027" in emails[0].subject
    assert len(notes(request)) == 2


def test_officers_are_told_once_that_a_deadline_was_missed(agency, people, sent):
    late = submit(agency, now=NOW).request
    answered = submit(agency, now=NOW, email="lain@example.com").request
    services.answer(answered, people["officer"], "granted", "Terlampir.")
    assert sent(services.alert_overdue_requests, at(datetime.date(2027, 2, 16), 23))[0] == 0  # last day
    count, emails = sent(services.alert_overdue_requests, at(datetime.date(2027, 2, 17)))
    assert count == 1
    assert [m.to for m in emails] == [[people["officer"].email]] and late.reference in emails[0].subject
    assert sent(services.alert_overdue_requests, at(datetime.date(2027, 2, 18)))[0] == 0
    assert len(notes(late)) == 1 and not notes(answered)


def test_a_forwarded_request_reminds_the_agency_that_now_owns_it(agency, people, sent):
    request = submit(agency, now=NOW).request
    sent(services.alert_overdue_requests, at(datetime.date(2027, 2, 17)))  # agency A missed it
    other = people["stranger"].agency_memberships.get().agency
    services.forward(request, people["officer"], other, "Dinas B memegang dokumennya.")
    request.refresh_from_db()
    count, emails = sent(services.remind_requests_due_soon, request.due_at - datetime.timedelta(hours=20))
    assert count == 1 and [m.to for m in emails] == [[people["stranger"].email]]


def test_superiors_are_reminded_of_an_objection_five_working_days_before_its_deadline(agency, people, sent):
    request = submit(agency, now=NOW).request
    services.answer(request, people["officer"], "refused", "Rahasia pribadi.", exemption_ground="17h")
    objection = services.file_objection(request, "a", "Bukan rahasia.", now=at(datetime.date(2027, 2, 22)))
    due = objection.due_at.astimezone(WIB).date()
    six_before = at(due) - datetime.timedelta(days=1)
    while add_working_days(six_before, 5) >= objection.due_at:  # step back to six working days before
        six_before -= datetime.timedelta(days=1)
    assert sent(services.remind_objections_due_soon, six_before)[0] == 0
    five_before = six_before + datetime.timedelta(days=1)
    while add_working_days(five_before, 5) < objection.due_at:
        five_before += datetime.timedelta(days=1)
    count, emails = sent(services.remind_objections_due_soon, five_before)
    assert count == 1
    assert [m.to for m in emails] == [[people["superior"].email]]
    assert objection.reference in emails[0].subject
    assert f"/admin/ppid_objection/inspect/{objection.pk}/" in emails[0].body
    assert any(objection.reference in note for note in notes(request))
    assert sent(services.remind_objections_due_soon, five_before + datetime.timedelta(days=1))[0] == 0


def test_an_answered_objection_is_not_reminded(agency, people, sent):
    request = submit(agency, now=NOW).request
    services.answer(request, people["officer"], "refused", "Rahasia pribadi.", exemption_ground="17h")
    objection = services.file_objection(request, "a", "Bukan rahasia.")
    services.answer_objection(request, people["superior"], "upheld", "Diberikan.")
    assert sent(services.remind_objections_due_soon, objection.due_at - datetime.timedelta(days=1))[0] == 0


def test_the_periodic_runner_runs_the_ppid_jobs(agency, people):
    now = timezone.now()
    soon = submit(agency).request
    late = submit(agency, email="lain@example.com").request
    InformationRequest.objects.filter(pk=soon.pk).update(due_at=add_working_days(now, 1))
    InformationRequest.objects.filter(pk=late.pk).update(due_at=now - datetime.timedelta(days=1))
    names = {job.name for job in periodic.registered_jobs()}
    ppid_jobs = {
        "transparency.remind_requests_due_soon",
        "transparency.alert_overdue_requests",
        "transparency.remind_objections_due_soon",
    }
    assert ppid_jobs <= names
    runs = {run.name: run for run in periodic.run_due_jobs(only=ppid_jobs)}
    assert runs["transparency.remind_requests_due_soon"].result == "1"
    assert runs["transparency.alert_overdue_requests"].result == "1"
    assert runs["transparency.remind_objections_due_soon"].result == "0"
    assert len(notes(soon)) == 1 and len(notes(late)) == 1
