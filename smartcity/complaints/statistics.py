"""Public statistics of e-masyarakat: how many complaints, where, and how fast they are handled.

Scope: every complaint the complaint desk has checked (``Complaint.objects.verified()``), except
those rejected as spam, *private ones included*. The figures are counts and durations only, so
they reveal nothing about any person, and leaving private complaints out would make the city look
faster or slower than it is. The page says so. Complaints still waiting for the desk are not
counted: nothing of a complaint is public before the desk has seen it.

Durations are calendar time (not working days), computed in Python from the timestamps so that
the same code gives the same numbers on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, F, Q

from .models import Complaint


@dataclass
class AgencyRow:
    name: str
    total: int
    open: int
    finished: int


@dataclass
class ComplaintStatistics:
    total: int
    by_status: list[tuple[str, str, int]]  # (status value, label, count), every status listed
    by_agency: list[AgencyRow]
    median_first_response: datetime.timedelta | None
    first_response_count: int
    median_resolution: datetime.timedelta | None
    resolution_count: int
    resolved_within_deadline: int
    resolved_total: int

    @property
    def within_deadline_share(self) -> float | None:
        """Share (0–1) of resolved complaints resolved by their resolution deadline."""
        return self.resolved_within_deadline / self.resolved_total if self.resolved_total else None


def statistics_scope():
    """The complaints the statistics count (see the module docstring)."""
    return Complaint.objects.verified()


def count_received() -> int:
    """Complaints received (spam left out), for the home page's key figures."""
    return statistics_scope().count()


def count_handled() -> int:
    """Complaints resolved or closed (spam left out), for the home page's key figures."""
    return statistics_scope().filter(status__in=(Complaint.Status.RESOLVED, Complaint.Status.CLOSED)).count()


def _median(pairs) -> datetime.timedelta | None:
    durations = [end - start for start, end in pairs if end >= start]
    return statistics.median(durations) if durations else None


def compute_statistics(queryset=None) -> ComplaintStatistics:
    """Counts by status and by agency, median times to first response and to resolution, and the
    share resolved within the deadline, over ``queryset`` (default: ``statistics_scope()``)."""
    queryset = statistics_scope() if queryset is None else queryset
    status_counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    by_status = [(value, label, status_counts.get(value, 0)) for value, label in Complaint.Status.choices]

    finished = list(Complaint.FINISHED_STATES)
    agency_rows = (
        queryset.order_by()
        .values("agency__name")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=~Q(status__in=finished)),
            finished=Count("pk", filter=Q(status__in=finished)),
        )
        .order_by("-total", "agency__name")
    )
    by_agency = [
        AgencyRow(row["agency__name"] or "—", row["total"], row["open"], row["finished"])
        for row in agency_rows
    ]

    first_responses = list(
        queryset.filter(first_responded_at__isnull=False).values_list("created_at", "first_responded_at")
    )
    resolutions = list(queryset.filter(resolved_at__isnull=False).values_list("created_at", "resolved_at"))
    deadline = queryset.filter(resolved_at__isnull=False).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(resolved_at__lte=F("resolution_due")))
    )
    return ComplaintStatistics(
        total=sum(status_counts.values()),
        by_status=by_status,
        by_agency=by_agency,
        median_first_response=_median(first_responses),
        first_response_count=len(first_responses),
        median_resolution=_median(resolutions),
        resolution_count=len(resolutions),
        resolved_within_deadline=deadline["on_time"],
        resolved_total=deadline["total"],
    )
