"""Results of a cycle per kecamatan and per sector, with totals in rupiah against the pagu.

A fixed number of grouped queries whatever the number of proposals (tested); the same rows feed
the page and the CSV/XLSX/JSON downloads, so the downloads parse back to the page's numbers.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from smartcity.core.models import Kecamatan

from .models import KecamatanCeiling, PlanningCycle, Proposal, Sector

ZERO = Decimal("0")
ACCEPTED = Proposal.Status.ACCEPTED

RESULT_COLUMNS = ["name", "proposals", "estimated_cost", "accepted", "accepted_cost", "pagu"]


def _totals(queryset, key: str) -> dict:
    rows = queryset.values(key).annotate(
        proposals=Count("pk"),
        estimated_cost=Sum("estimated_cost"),
        accepted=Count("pk", filter=Q(status=ACCEPTED)),
        accepted_cost=Sum("agreed_cost", filter=Q(status=ACCEPTED)),
    )
    return {row[key]: row for row in rows}


def _row(name: str, totals: dict | None, pagu: Decimal | None) -> dict:
    totals = totals or {}
    return {
        "name": name,
        "proposals": totals.get("proposals", 0),
        "estimated_cost": totals.get("estimated_cost") or ZERO,
        "accepted": totals.get("accepted", 0),
        "accepted_cost": totals.get("accepted_cost") or ZERO,
        "pagu": pagu,
    }


def cycle_results(cycle: PlanningCycle) -> dict:
    """{"kecamatan": rows, "sectors": rows, "total": row} for a cycle's public proposals."""
    proposals = Proposal.objects.public().filter(cycle=cycle).order_by()
    by_kecamatan = _totals(proposals, "kecamatan_id")
    by_sector = _totals(proposals, "sector_id")
    ceilings = dict(KecamatanCeiling.objects.filter(cycle=cycle).values_list("kecamatan_id", "amount"))
    kecamatan_rows = [
        _row(kecamatan.name, by_kecamatan.get(kecamatan.pk), ceilings.get(kecamatan.pk))
        for kecamatan in Kecamatan.objects.order_by("name")
    ]
    sector_rows = [_row(sector.name, by_sector.get(sector.pk), None) for sector in Sector.objects.all()]
    total = {
        "name": "Total",
        "proposals": sum(r["proposals"] for r in kecamatan_rows),
        "estimated_cost": sum((r["estimated_cost"] for r in kecamatan_rows), ZERO),
        "accepted": sum(r["accepted"] for r in kecamatan_rows),
        "accepted_cost": sum((r["accepted_cost"] for r in kecamatan_rows), ZERO),
        "pagu": sum(ceilings.values(), ZERO) if ceilings else None,
    }
    return {"kecamatan": kecamatan_rows, "sectors": sector_rows, "total": total}
