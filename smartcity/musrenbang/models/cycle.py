"""Planning cycles: the year's phases, ceilings (pagu), forward quotas and scoring criteria.

Bappeda (the planning agency) keeps one cycle per planning year. Its phases follow each other:
proposal intake, kelurahan deliberation, kecamatan deliberation, city forum, final plan (RKPD).
Each phase's actions are accepted only while it is open (``PlanningCycle.open_phase``).

Once a phase has opened, the rules it depends on (``RULES_OF_PHASE``) are locked: people have
acted on them. Changing them needs an explicit reopening by Bappeda (``CycleReopening``, with a
reason, logged), which allows one save of the cycle.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from smartcity.core.models import Kecamatan, Kelurahan
from smartcity.core.working_days import WIB


class Phase(models.TextChoices):
    INTAKE = "intake", _("Proposal intake")
    KELURAHAN = "kelurahan", _("Kelurahan deliberation")
    KECAMATAN = "kecamatan", _("Kecamatan deliberation")
    CITY = "city", _("City forum")
    FINAL = "final", _("Final plan (RKPD)")


class Level(models.TextChoices):
    """Where a proposal may enter and who acts on it."""

    KELURAHAN = "kelurahan", _("Kelurahan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    CITY = "city", _("City")


PHASE_ORDER = [Phase.INTAKE, Phase.KELURAHAN, Phase.KECAMATAN, Phase.CITY, Phase.FINAL]

# The cycle's rules each phase depends on: fields of the cycle and its inline lists.
RULES_OF_PHASE: dict[str, tuple[str, ...]] = {
    Phase.INTAKE: ("intake_starts_on", "intake_ends_on", "kelurahan_ceilings"),
    Phase.KELURAHAN: ("kelurahan_starts_on", "kelurahan_ends_on", "kelurahan_quota", "criteria"),
    Phase.KECAMATAN: ("kecamatan_starts_on", "kecamatan_ends_on", "kecamatan_quota", "kecamatan_ceilings"),
    Phase.CITY: ("city_starts_on", "city_ends_on"),
    Phase.FINAL: ("final_starts_on", "final_ends_on"),
}


def today_in_binjai() -> datetime.date:
    return timezone.localtime(timezone.now(), WIB).date()


class PlanningCycleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class PlanningCycle(ClusterableModel):
    """One year's Musrenbang: proposals made in ``year`` for the work plan (RKPD) of the next."""

    year = models.PositiveSmallIntegerField(_("year of the deliberations"), unique=True)
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. Musrenbang RKPD 2028"))
    plan_year = models.PositiveSmallIntegerField(_("plan year (RKPD)"))
    is_published = models.BooleanField(_("shown on the public pages"), default=True)
    intake_starts_on = models.DateField(_("intake opens"))
    intake_ends_on = models.DateField(_("intake closes"))
    kelurahan_starts_on = models.DateField(_("kelurahan deliberation opens"))
    kelurahan_ends_on = models.DateField(_("kelurahan deliberation closes"))
    kecamatan_starts_on = models.DateField(_("kecamatan deliberation opens"))
    kecamatan_ends_on = models.DateField(_("kecamatan deliberation closes"))
    city_starts_on = models.DateField(_("city forum opens"))
    city_ends_on = models.DateField(_("city forum closes"))
    final_starts_on = models.DateField(_("final plan from"))
    final_ends_on = models.DateField(_("final plan until"))
    kelurahan_quota = models.PositiveSmallIntegerField(
        _("proposals each kelurahan may forward"), default=10, validators=[MinValueValidator(1)]
    )
    kecamatan_quota = models.PositiveSmallIntegerField(
        _("proposals each kecamatan may forward"), default=15, validators=[MinValueValidator(1)]
    )

    objects = PlanningCycleQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("year"), FieldPanel("name"), FieldPanel("plan_year"), FieldPanel("is_published")],
            heading=_("Cycle"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("intake_starts_on"), FieldPanel("intake_ends_on")]),
                FieldRowPanel([FieldPanel("kelurahan_starts_on"), FieldPanel("kelurahan_ends_on")]),
                FieldRowPanel([FieldPanel("kecamatan_starts_on"), FieldPanel("kecamatan_ends_on")]),
                FieldRowPanel([FieldPanel("city_starts_on"), FieldPanel("city_ends_on")]),
                FieldRowPanel([FieldPanel("final_starts_on"), FieldPanel("final_ends_on")]),
            ],
            heading=_("Phases"),
        ),
        MultiFieldPanel([FieldPanel("kelurahan_quota"), FieldPanel("kecamatan_quota")], heading=_("Quotas")),
        InlinePanel("criteria", heading=_("Scoring criteria"), label=_("criterion")),
        InlinePanel("kelurahan_ceilings", heading=_("Ceiling (pagu) per kelurahan"), label=_("ceiling")),
        InlinePanel("kecamatan_ceilings", heading=_("Ceiling (pagu) per kecamatan"), label=_("ceiling")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("planning cycle")
        verbose_name_plural = _("planning cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intake_ends_on__gte=models.F("intake_starts_on"))
                & models.Q(kelurahan_starts_on__gt=models.F("intake_ends_on"))
                & models.Q(kelurahan_ends_on__gte=models.F("kelurahan_starts_on"))
                & models.Q(kecamatan_starts_on__gt=models.F("kelurahan_ends_on"))
                & models.Q(kecamatan_ends_on__gte=models.F("kecamatan_starts_on"))
                & models.Q(city_starts_on__gt=models.F("kecamatan_ends_on"))
                & models.Q(city_ends_on__gte=models.F("city_starts_on"))
                & models.Q(final_starts_on__gt=models.F("city_ends_on"))
                & models.Q(final_ends_on__gte=models.F("final_starts_on")),
                name="musrenbang_cycle_phases_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        dates = [
            (getattr(self, f"{phase}_starts_on"), getattr(self, f"{phase}_ends_on")) for phase in PHASE_ORDER
        ]
        if any(start is None or end is None for start, end in dates):
            return
        previous_end = None
        for phase, (start, end) in zip(PHASE_ORDER, dates, strict=True):
            if end < start:
                raise ValidationError({f"{phase}_ends_on": _("A phase cannot close before it opens.")})
            if previous_end is not None and start <= previous_end:
                raise ValidationError(
                    {f"{phase}_starts_on": _("Phases follow each other: this one opens too early.")}
                )
            previous_end = end

    # --- Phases ---------------------------------------------------------------------------------

    def phase_dates(self, phase: str) -> tuple[datetime.date, datetime.date]:
        return getattr(self, f"{phase}_starts_on"), getattr(self, f"{phase}_ends_on")

    def is_open(self, phase: str, today: datetime.date | None = None) -> bool:
        """Whether ``phase`` accepts its actions today (Asia/Jakarta)."""
        start, end = self.phase_dates(phase)
        today = today or today_in_binjai()
        return start <= today <= end

    def open_phases(self, today: datetime.date | None = None) -> list[str]:
        today = today or today_in_binjai()
        return [phase for phase in PHASE_ORDER if self.is_open(phase, today)]

    def open_phase(self, today: datetime.date | None = None) -> str | None:
        """The latest phase open today, or None between phases / outside the cycle."""
        phases = self.open_phases(today)
        return phases[-1] if phases else None

    def has_opened(self, phase: str, today: datetime.date | None = None) -> bool:
        return self.phase_dates(phase)[0] <= (today or today_in_binjai())

    def phases(self, today: datetime.date | None = None) -> list[dict]:
        """Each phase with its dates and whether it is past, open or to come (for pages)."""
        today = today or today_in_binjai()
        rows = []
        for value, label in Phase.choices:
            start, end = self.phase_dates(value)
            state = "open" if start <= today <= end else ("past" if end < today else "future")
            rows.append({"phase": value, "label": label, "starts_on": start, "ends_on": end, "state": state})
        return rows

    # --- Locks ----------------------------------------------------------------------------------

    def locked_rules(self, today: datetime.date | None = None) -> dict[str, str]:
        """{rule name: phase} of the rules that may not change now: their phase has opened and
        Bappeda has not reopened it."""
        reopened = set(self.reopenings.filter(used_at__isnull=True).values_list("phase", flat=True))
        locked = {}
        for phase, rules in RULES_OF_PHASE.items():
            if self.pk and self.has_opened(phase, today) and phase not in reopened:
                locked.update(dict.fromkeys(rules, phase))
        return locked

    # --- Ceilings -------------------------------------------------------------------------------

    def ceiling_for_kelurahan(self, kelurahan_id: int) -> Decimal | None:
        row = self.kelurahan_ceilings.filter(kelurahan_id=kelurahan_id).first()
        return row.amount if row else None

    def ceiling_for_kecamatan(self, kecamatan_id: int) -> Decimal | None:
        row = self.kecamatan_ceilings.filter(kecamatan_id=kecamatan_id).first()
        return row.amount if row else None


class ScoringCriterion(Orderable):
    """One criterion of the deliberations' scoring (urgency, beneficiaries...), with its weight.

    Each proposal gets a score from 0 to ``max_score`` per criterion; its weighted score is the
    sum of score × weight over the criteria, divided by the sum of the weights × max score,
    times 100 (so 0–100 whatever the number of criteria).
    """

    cycle = ParentalKey(PlanningCycle, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    description = models.CharField(_("what it measures"), max_length=255, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight"), FieldPanel("max_score")]

    class Meta(Orderable.Meta):
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="musrenbang_criterion_unique"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="musrenbang_criterion_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class KelurahanCeiling(models.Model):
    """The indicative ceiling (pagu) of one kelurahan's proposals in a cycle, in rupiah."""

    cycle = ParentalKey(PlanningCycle, on_delete=models.CASCADE, related_name="kelurahan_ceilings")
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("ceiling (Rp)"), max_digits=15, decimal_places=0, validators=[MinValueValidator(0)]
    )

    panels = [FieldPanel("kelurahan"), FieldPanel("amount")]

    class Meta:
        verbose_name = _("kelurahan ceiling")
        verbose_name_plural = _("kelurahan ceilings")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kelurahan"], name="musrenbang_kelurahan_ceiling_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kelurahan.name}: {self.amount}"


class KecamatanCeiling(models.Model):
    """The indicative ceiling (pagu) of one kecamatan's proposals in a cycle, in rupiah."""

    cycle = ParentalKey(PlanningCycle, on_delete=models.CASCADE, related_name="kecamatan_ceilings")
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("ceiling (Rp)"), max_digits=15, decimal_places=0, validators=[MinValueValidator(0)]
    )

    panels = [FieldPanel("kecamatan"), FieldPanel("amount")]

    class Meta:
        verbose_name = _("kecamatan ceiling")
        verbose_name_plural = _("kecamatan ceilings")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kecamatan"], name="musrenbang_kecamatan_ceiling_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kecamatan.name}: {self.amount}"


class CycleReopening(models.Model):
    """Bappeda reopening the locked rules of one phase, with its reason: allows one save."""

    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="reopenings")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("reopened at"), default=timezone.now)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reopening of rules")
        verbose_name_plural = _("reopenings of rules")

    def __str__(self) -> str:
        return f"{self.cycle} {self.get_phase_display()} {self.created_at:%Y-%m-%d}"
