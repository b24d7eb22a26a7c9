"""Periodic jobs (core): due jobs only, each once per interval, never twice at once, failures
recorded without stopping the others; several runners in parallel start a due job once."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from smartcity.core import periodic
from smartcity.core.models import PeriodicJobState

T0 = datetime.datetime(2027, 2, 1, 1, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def jobs():
    """An empty registry for the test's own jobs (the apps' jobs are put back afterwards)."""
    periodic.autodiscover()
    saved = dict(periodic._registry)
    periodic._registry.clear()
    calls: list[str] = []

    def add(name, every, function=None, **kwargs):
        periodic.register(name, every=every, **kwargs)(function or (lambda: calls.append(name) or len(calls)))

    add.calls = calls
    yield add
    periodic._registry.clear()
    periodic._registry.update(saved)


@pytest.mark.django_db
def test_only_due_jobs_run_each_once_per_interval(jobs):
    jobs("test.often", every=10 * MINUTE)
    jobs("test.hourly", every=60 * MINUTE)

    assert [r.name for r in periodic.run_due_jobs(now=T0)] == ["test.hourly", "test.often"]
    assert periodic.run_due_jobs(now=T0) == []  # same round again: nothing is due
    assert periodic.run_due_jobs(now=T0 + 9 * MINUTE) == []
    assert [r.name for r in periodic.run_due_jobs(now=T0 + 10 * MINUTE)] == ["test.often"]
    assert [r.name for r in periodic.run_due_jobs(now=T0 + 60 * MINUTE)] == ["test.hourly", "test.often"]
    assert jobs.calls == ["test.hourly", "test.often", "test.often", "test.hourly", "test.often"]
    often = PeriodicJobState.objects.get(name="test.often")
    assert often.runs == 3 and often.last_started_at == T0 + 60 * MINUTE
    assert often.running_until is None and often.last_finished_at is not None and often.last_result == "5"


@pytest.mark.django_db
def test_a_job_still_running_is_not_started_again_until_its_claim_expires(jobs):
    jobs("test.long", every=MINUTE, timeout=30 * MINUTE)
    periodic.run_due_jobs(now=T0)
    # Another runner is in the middle of it (claimed, not finished).
    PeriodicJobState.objects.filter(name="test.long").update(running_until=T0 + 30 * MINUTE)
    assert periodic.run_due_jobs(now=T0 + 5 * MINUTE) == []
    assert [r.name for r in periodic.run_due_jobs(now=T0 + 30 * MINUTE)] == ["test.long"]  # runner died
    assert jobs.calls == ["test.long", "test.long"]


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(jobs):
    def broken():
        raise ConnectionError("smtp.example.com refused warga@example.com")

    jobs("test.broken", every=MINUTE, function=broken)
    jobs("test.fine", every=MINUTE)
    runs = {r.name: r for r in periodic.run_due_jobs(now=T0)}
    assert runs["test.broken"].error == "ConnectionError" and runs["test.fine"].error == ""
    state = PeriodicJobState.objects.get(name="test.broken")
    assert state.failures == 1 and state.last_error == "ConnectionError"  # no message: it may name people
    assert state.running_until is None
    assert [r.name for r in periodic.run_due_jobs(now=T0 + MINUTE)] == ["test.broken", "test.fine"]


@pytest.mark.django_db
def test_the_command_runs_the_registered_jobs_of_every_app(capsys):
    call_command("run_periodic_jobs", "--list")
    listed = capsys.readouterr().out
    for name in (
        "appointments.expire_unapproved",
        "appointments.release_unconfirmed",
        "appointments.send_reminders",
        "appointments.expire_waitlist_holds",
    ):
        assert name in listed
    call_command("run_periodic_jobs", "--job", "appointments.send_reminders", verbosity=0)
    assert list(PeriodicJobState.objects.values_list("name", flat=True)) == ["appointments.send_reminders"]
    call_command("run_periodic_jobs", verbosity=0)
    assert PeriodicJobState.objects.count() >= 4
    assert PeriodicJobState.objects.get(name="appointments.send_reminders").runs == 1  # not due again


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runners_on_several_machines_start_a_due_job_once(jobs):
    lock = threading.Lock()
    ran = []

    def job():
        with lock:
            ran.append(1)

    jobs("test.once", every=MINUTE, function=job)
    runners = 12
    barrier = threading.Barrier(runners, timeout=60)
    errors = []
    now = timezone.now()

    def runner():
        try:
            barrier.wait()
            periodic.run_due_jobs(now=now, only=["test.once"])
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:3]
    assert len(ran) == 1
    assert PeriodicJobState.objects.get(name="test.once").runs == 1
