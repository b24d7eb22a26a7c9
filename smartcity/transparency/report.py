"""The yearly report of the information service, computed in the database from the requests.

Counts and the average come from one aggregate query; the median from the answer times in order
(``answer_working_days`` is stored when a request is answered, on the calendar of that day).
A request counts in the year it was received (Asia/Jakarta). Nothing personal is in the report.
"""

from __future__ import annotations

import json
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import ExtractYear

from smartcity.core import exports

from .models import ExemptionGround, InformationRequest, Objection
from .models.requests import OPEN_STATUSES


def _round(value) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _median(queryset) -> float | None:
    values = list(
        queryset.filter(answer_working_days__isnull=False)
        .order_by("answer_working_days")
        .values_list("answer_working_days", flat=True)
    )
    return _round(statistics.median(values)) if values else None


def report_years() -> list[int]:
    return sorted(
        set(InformationRequest.objects.annotate(y=ExtractYear("created_at")).values_list("y", flat=True)),
        reverse=True,
    )


def _figures(queryset) -> dict:
    D = InformationRequest.Decision
    figures = queryset.aggregate(
        received=Count("pk"),
        granted=Count("pk", filter=Q(decision=D.GRANTED)),
        partly_granted=Count("pk", filter=Q(decision=D.PARTLY_GRANTED)),
        refused=Count("pk", filter=Q(decision=D.REFUSED)),
        not_held=Count("pk", filter=Q(decision=D.NOT_HELD)),
        forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
        answered=Count("pk", filter=~Q(decision="")),
        answered_within_deadline=Count("pk", filter=~Q(decision="") & Q(answered_at__lte=F("due_at"))),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        average_answer_working_days=Avg("answer_working_days"),
    )
    figures["average_answer_working_days"] = _round(figures["average_answer_working_days"])
    figures["median_answer_working_days"] = _median(queryset)
    answered = figures["answered"]
    figures["share_within_deadline"] = (
        _round(100 * figures["answered_within_deadline"] / answered) if answered else None
    )
    return figures


def yearly_report(year: int) -> dict:
    """Every figure of ``year``'s report (JSON-serialisable)."""
    requests = InformationRequest.objects.filter(created_at__year=year)
    figures = _figures(requests)
    grounds = dict(ExemptionGround.choices)
    refused_by_ground = [
        {
            "ground": row["exemption_ground"],
            "label": str(grounds.get(row["exemption_ground"], "")),
            "count": row["n"],
        }
        for row in requests.filter(decision=InformationRequest.Decision.REFUSED)
        .values("exemption_ground")
        .annotate(n=Count("pk"))
        .order_by("exemption_ground")
    ]
    objections = Objection.objects.filter(request__in=requests.values("pk")).aggregate(
        filed=Count("pk"),
        upheld=Count("pk", filter=Q(outcome=Objection.Outcome.UPHELD)),
        rejected=Count("pk", filter=Q(outcome=Objection.Outcome.REJECTED)),
        pending=Count("pk", filter=Q(outcome="")),
        disputed=Count("pk", filter=Q(dispute_filed_on__isnull=False)),
    )
    agencies = []
    for row in (
        requests.values("agency_id", "agency__name")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=~Q(decision="")),
            within=Count("pk", filter=~Q(decision="") & Q(answered_at__lte=F("due_at"))),
            average=Avg("answer_working_days"),
        )
        .order_by(F("average").asc(nulls_last=True), "agency__name")
    ):
        agencies.append(
            {
                "agency": row["agency__name"],
                "received": row["received"],
                "answered": row["answered"],
                "average_answer_working_days": _round(row["average"]),
                "share_within_deadline": _round(100 * row["within"] / row["answered"])
                if row["answered"]
                else None,
            }
        )
    return {
        "year": year,
        **figures,
        "refused_by_ground": refused_by_ground,
        "objections": objections,
        "agencies": agencies,
    }


# --- Exports -------------------------------------------------------------------------------------------

SUMMARY_KEYS = (
    "received",
    "granted",
    "partly_granted",
    "refused",
    "not_held",
    "forwarded",
    "answered",
    "answered_within_deadline",
    "share_within_deadline",
    "open",
    "average_answer_working_days",
    "median_answer_working_days",
)


def report_rows(report: dict) -> list[list]:
    """The report as one table: section, item, value(s)."""
    rows: list[list] = [
        ["section", "item", "value", "answered", "average_answer_working_days", "share_within_deadline"]
    ]
    rows += [["summary", key, report[key]] for key in SUMMARY_KEYS]
    rows += [["refused_by_ground", row["ground"], row["count"]] for row in report["refused_by_ground"]]
    rows += [["objections", key, value] for key, value in report["objections"].items()]
    rows += [
        [
            "agency",
            row["agency"],
            row["received"],
            row["answered"],
            row["average_answer_working_days"],
            row["share_within_deadline"],
        ]
        for row in report["agencies"]
    ]
    return rows


def as_csv(report: dict) -> str:
    return exports.csv_text(report_rows(report))


def as_xlsx(report: dict) -> bytes:
    return exports.xlsx_bytes(report_rows(report), f"PPID {report['year']}")


def as_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
