"""Public statistics of e-sippadu per permit type and month of submission, computed in the database.

Counts (applications, issued, rejected, finished within the service level) and the satisfaction
index are grouped aggregates; the median processing time (working days, clock paused while
returned, stored on completion) is picked by window functions: each finished application's
rank within its type and month, and only the middle one or two rows leave the database.
Figures only: nothing about any person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber, TruncMonth

from .models import PermitApplication
from .models.application import SURVEY_ELEMENTS

S = PermitApplication.Status


@dataclass
class MonthRow:
    type_name: str
    month: object
    applications: int
    issued: int
    rejected: int
    median_days: float | None
    within_share: float | None
    satisfaction: float | None


def _month(queryset):
    return queryset.annotate(month=TruncMonth("submitted_at"))


def monthly_statistics() -> list[MonthRow]:
    submitted = _month(PermitApplication.objects.submitted().exclude(status=S.WITHDRAWN))
    rows = (
        submitted.values("permit_type__name", "month")
        .annotate(
            applications=Count("pk"),
            issued=Count("pk", filter=Q(status=S.ISSUED)),
            rejected=Count("pk", filter=Q(status=S.REJECTED)),
            finished=Count("pk", filter=Q(completed_at__isnull=False)),
            within=Count("pk", filter=Q(completed_at__isnull=False, completed_at__lte=F("due_at"))),
            satisfaction=Avg(
                sum((F(f"survey__{name}") for name, _label in SURVEY_ELEMENTS), start=0)
                * 25.0
                / len(SURVEY_ELEMENTS)
            ),
        )
        .order_by("-month", "permit_type__name")
    )
    medians = _medians(submitted)
    result = []
    for row in rows:
        key = (row["permit_type__name"], row["month"])
        result.append(
            MonthRow(
                type_name=row["permit_type__name"],
                month=row["month"],
                applications=row["applications"],
                issued=row["issued"],
                rejected=row["rejected"],
                median_days=medians.get(key),
                within_share=100.0 * row["within"] / row["finished"] if row["finished"] else None,
                satisfaction=round(row["satisfaction"], 1) if row["satisfaction"] is not None else None,
            )
        )
    return result


def _medians(submitted) -> dict:
    """Median ``processing_days`` per (type name, month): the middle row(s) by rank."""
    partition = [F("permit_type__name"), TruncMonth("submitted_at")]
    finished = submitted.filter(processing_days__isnull=False)
    ranked = finished.annotate(
        rank=Window(
            RowNumber(), partition_by=partition, order_by=[F("processing_days").asc(), F("pk").asc()]
        ),
        total=Window(Count("pk"), partition_by=partition),
    )
    # Filtering on window expressions runs in the database (Django ≥ 4.2 wraps the query).
    middle = ranked.filter(Q(rank=(F("total") + 1) / 2) | Q(rank=(F("total") + 2) / 2)).values_list(
        "permit_type__name", "month", "processing_days"
    )
    values = defaultdict(list)
    for name, month, days in middle:
        values[(name, month)].append(days)
    return {key: sum(days) / len(days) for key, days in values.items()}
