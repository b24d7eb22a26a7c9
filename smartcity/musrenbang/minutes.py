"""Minutes (berita acara) of a kelurahan or kecamatan deliberation, printed by WeasyPrint.

The ranked list with scores, what was forwarded within the quota, and the totals against the
region's ceiling (pagu); the ranking rule is printed so anyone can check the order.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from smartcity.core.models import Kecamatan, Kelurahan

from . import services
from .models import Level, PlanningCycle

FORWARDED = {Level.KELURAHAN: services.BEYOND_KELURAHAN, Level.KECAMATAN: services.BEYOND_KECAMATAN}


def minutes_context(cycle: PlanningCycle, level: str, region_id: int) -> dict:
    if level == Level.KELURAHAN:
        region = Kelurahan.objects.select_related("kecamatan").get(pk=region_id)
        pagu = cycle.ceiling_for_kelurahan(region_id)
        quota = cycle.kelurahan_quota
    else:
        region = Kecamatan.objects.get(pk=region_id)
        pagu = cycle.ceiling_for_kecamatan(region_id)
        quota = cycle.kecamatan_quota
    rows = []
    for proposal in services.ranked(cycle, level, region_id):
        rows.append(
            {
                "proposal": proposal,
                "rank": getattr(proposal, f"{level}_rank"),
                "score": getattr(proposal, f"{level}_score"),
                "forwarded": proposal.status in FORWARDED[level],
            }
        )
    forwarded = [row for row in rows if row["forwarded"]]
    total = sum((row["proposal"].estimated_cost for row in rows), Decimal("0"))
    forwarded_total = sum((row["proposal"].estimated_cost for row in forwarded), Decimal("0"))
    return {
        "cycle": cycle,
        "level": level,
        "level_label": Level(level).label,
        "region": region,
        "rows": rows,
        "forwarded": forwarded,
        "quota": quota,
        "pagu": pagu,
        "total": total,
        "forwarded_total": forwarded_total,
        "remaining": (pagu - forwarded_total) if pagu is not None else None,
        "rule": services.TIE_BREAK_RULE,
        "criteria": list(cycle.criteria.all()),
        "printed_at": timezone.localtime(),
    }


def minutes_pdf(cycle: PlanningCycle, level: str, region_id: int) -> bytes:
    from smartcity.core.printing import html_to_pdf

    html = render_to_string("musrenbang/minutes.html", minutes_context(cycle, level, region_id))
    return html_to_pdf(html)


def minutes_response(cycle: PlanningCycle, level: str, region_id: int) -> HttpResponse:
    response = HttpResponse(minutes_pdf(cycle, level, region_id), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="berita-acara-{level}-{region_id}-{cycle.year}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
