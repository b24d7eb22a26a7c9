"""Factories and helpers for e-musrenbang tests: cycles with a chosen phase open today."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from smartcity.core.models import Agency, Kelurahan
from smartcity.musrenbang.models import (
    ActivityItem,
    Facilitator,
    KecamatanCeiling,
    KelurahanCeiling,
    Level,
    Phase,
    PlanningCycle,
    ScoringCriterion,
    Sector,
)
from smartcity.musrenbang.models.cycle import PHASE_ORDER, today_in_binjai

PHASE_DAYS = 10


def phase_dates(open_phase: str | None, today: datetime.date | None = None) -> dict:
    """Dates for the five phases, each PHASE_DAYS long, with ``open_phase`` open today (None: all
    phases in the future)."""
    today = today or today_in_binjai()
    index = PHASE_ORDER.index(open_phase) if open_phase else -1
    # today is the 3rd day of the open phase
    start = (
        today - datetime.timedelta(days=2 + index * (PHASE_DAYS + 1))
        if open_phase
        else today + datetime.timedelta(days=5)
    )
    dates = {}
    for phase in PHASE_ORDER:
        dates[f"{phase}_starts_on"] = start
        dates[f"{phase}_ends_on"] = start + datetime.timedelta(days=PHASE_DAYS - 1)
        start = start + datetime.timedelta(days=PHASE_DAYS + 1)
    return dates


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningCycle
        django_get_or_create = ("year",)

    year = 2026
    name = factory.LazyAttribute(lambda c: f"Musrenbang RKPD {c.year + 1}")
    plan_year = factory.LazyAttribute(lambda c: c.year + 1)
    kelurahan_quota = 2
    kecamatan_quota = 2


def make_cycle(
    open_phase: str | None = Phase.INTAKE, *, year: int = 2026, criteria=True, **fields
) -> PlanningCycle:
    cycle = CycleFactory(year=year, **phase_dates(open_phase), **fields)
    if criteria:
        ScoringCriterion.objects.create(
            cycle=cycle, name="Urgensi", weight=Decimal("3"), max_score=5, sort_order=0
        )
        ScoringCriterion.objects.create(
            cycle=cycle, name="Manfaat", weight=Decimal("2"), max_score=5, sort_order=1
        )
    return cycle


def move_to(cycle: PlanningCycle, open_phase: str) -> PlanningCycle:
    """Shift the cycle's dates so that ``open_phase`` is open today (bypasses the locks)."""
    PlanningCycle.objects.filter(pk=cycle.pk).update(**phase_dates(open_phase))
    cycle.refresh_from_db()
    return cycle


def sector() -> Sector:
    return Sector.objects.get(slug="infrastruktur")


def agency() -> Agency:
    return Agency.objects.get(short_name="PUPR")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityItem

    code = factory.Sequence(lambda n: f"UJI-{n:03d}")
    name = factory.Sequence(lambda n: f"Rabat beton jalan lingkungan {n}")
    sector = factory.LazyFunction(sector)
    agency = factory.LazyFunction(agency)
    unit = "m²"
    unit_cost = Decimal("350000")


def kelurahan(index: int = 0) -> Kelurahan:
    return Kelurahan.objects.select_related("kecamatan").order_by("code")[index]


def facilitator(user, region) -> Facilitator:
    if isinstance(region, Kelurahan):
        return Facilitator.objects.create(user=user, level=Level.KELURAHAN, kelurahan=region)
    return Facilitator.objects.create(user=user, level=Level.KECAMATAN, kecamatan=region)


def ceiling(cycle, region, amount) -> None:
    if isinstance(region, Kelurahan):
        KelurahanCeiling.objects.create(cycle=cycle, kelurahan=region, amount=Decimal(amount))
    else:
        KecamatanCeiling.objects.create(cycle=cycle, kecamatan=region, amount=Decimal(amount))


def proposal_data(n: int = 0, *, item=None, kel=None, **overrides) -> dict:
    data = {
        "title": f"Perbaikan jalan gang Mawar {n}",
        "problem": "Jalan berlubang dan tergenang saat hujan.",
        "item": item,
        "volume": Decimal("100"),
        "kelurahan": kel or kelurahan(0),
        "rt": "003",
        "rw": "002",
        "address": "Gang Mawar",
        "beneficiaries": 120,
        "proposer_kind": "resident",
        "proposer_name": f"Warga Uji {n}",
        "proposer_email": f"warga{n}@example.com",
        "stay_unnamed": False,
    }
    data.update(overrides)
    return data
