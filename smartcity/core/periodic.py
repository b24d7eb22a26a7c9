"""Periodic jobs: named pieces of scheduled work that services register, run by one command.

A service declares its jobs in a ``jobs.py`` module of its app (found by autodiscovery, like
``admin.py``)::

    from datetime import timedelta
    from smartcity.core import periodic

    @periodic.register("appointments.send_reminders", every=timedelta(minutes=10))
    def send_reminders():
        ...

and production runs ``manage.py run_periodic_jobs --loop`` as a service next to ``db_worker``
(or ``run_periodic_jobs`` from cron every minute). Each round starts every job whose interval has
passed since it last started. Several machines may run the command at once: a runner claims a job
by locking its ``PeriodicJobState`` row (``select_for_update(skip_locked=True)``) and recording the
start in one short transaction, so each due job starts once; a runner that finds the row locked
or the job already started moves on. The job itself runs outside that transaction (its own
transactions stay short), and the claim lasts ``timeout``, so a job still running is not started
again, while a job whose runner died is taken up once the claim has expired.

Jobs must be idempotent (a crash can end one half-way) and write in their own transactions.
Failures are recorded on the row and logged by exception type only (messages may quote
personal data), and never stop the other jobs.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class PeriodicJob:
    """A registered job: ``function()`` runs at most once per ``interval``; a run is presumed
    dead (and the job may start again) after ``timeout``."""

    name: str
    function: Callable[[], object]
    interval: datetime.timedelta
    timeout: datetime.timedelta
    description: str = ""

    def is_due(self, state, now: datetime.datetime) -> bool:
        """Due when no runner holds it and ``interval`` has passed since it last started."""
        if state.running_until is not None and state.running_until > now:
            return False
        return state.last_started_at is None or state.last_started_at + self.interval <= now


@dataclass(frozen=True)
class JobRun:
    """What one round did with one job: ``result`` (the function's return value, as text) or
    ``error`` (the exception's type)."""

    name: str
    result: str = ""
    error: str = ""


_registry: dict[str, PeriodicJob] = {}


def register(
    name: str,
    *,
    every: datetime.timedelta,
    timeout: datetime.timedelta | None = None,
    description: str = "",
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Decorator: run the function every ``every`` (name it ``<app>.<what>``)."""

    def decorator(function: Callable[[], object]) -> Callable[[], object]:
        _registry[name] = PeriodicJob(
            name=name,
            function=function,
            interval=every,
            timeout=timeout or max(every, DEFAULT_TIMEOUT),
            description=description or (function.__doc__ or "").strip().split("\n")[0],
        )
        return function

    return decorator


def unregister(name: str) -> None:
    _registry.pop(name, None)


def autodiscover() -> None:
    """Import the ``jobs`` module of every installed app, which registers its jobs."""
    autodiscover_modules("jobs")


def registered_jobs() -> list[PeriodicJob]:
    autodiscover()
    return sorted(_registry.values(), key=lambda job: job.name)


def run_due_jobs(now: datetime.datetime | None = None, *, only: Iterable[str] | None = None) -> list[JobRun]:
    """Start every due job (or only those named), one after another; return what each did."""
    wanted = set(only) if only is not None else None
    runs = []
    for job in registered_jobs():
        if wanted is not None and job.name not in wanted:
            continue
        started_at = now or timezone.now()
        if not _claim(job, started_at):
            continue
        runs.append(_run(job))
    return runs


def _claim(job: PeriodicJob, now: datetime.datetime) -> bool:
    """Take ``job`` for this runner if it is due; False when it is not due or another runner has it."""
    from .models import PeriodicJobState

    # The row exists before anyone locks it; two runners creating it at once make one row.
    PeriodicJobState.objects.bulk_create([PeriodicJobState(name=job.name)], ignore_conflicts=True)
    with transaction.atomic():
        state = PeriodicJobState.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
        if state is None or not job.is_due(state, now):
            return False
        # Compare-and-set as well, for databases without row locks (SQLite serialises writers).
        claimed = PeriodicJobState.objects.filter(
            pk=state.pk, last_started_at=state.last_started_at, running_until=state.running_until
        ).update(last_started_at=now, running_until=now + job.timeout)
    return bool(claimed)


def _run(job: PeriodicJob) -> JobRun:
    from django.db.models import F

    from .models import PeriodicJobState

    try:
        result = job.function()
    except Exception as error:  # any failure is the job's, recorded; the other jobs still run
        error_name = type(error).__name__
        logger.error("Periodic job %s failed: %s", job.name, error_name)
        PeriodicJobState.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(),
            running_until=None,
            last_error=error_name[:255],
            runs=F("runs") + 1,
            failures=F("failures") + 1,
        )
        return JobRun(job.name, error=error_name)
    text = "" if result is None else str(result)[:255]
    PeriodicJobState.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(),
        running_until=None,
        last_result=text,
        last_error="",
        runs=F("runs") + 1,
    )
    return JobRun(job.name, result=text)
