"""Proposals (usulan): a resident's or a kelurahan's request for an activity, and its journey.

A proposal is a case (``smartcity.core``): reference ``MUS-YYYY-NNNNNN``, status moved only by
``smartcity.musrenbang.workflow``, a history of events. The proposer's name and contacts are
personal data: never public; a proposer who asked to stay unnamed is shown as their kind only.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCase, AbstractCaseEvent, Agency, Kecamatan, Kelurahan

from .catalogue import ActivityItem, Sector
from .cycle import Level, PlanningCycle, ScoringCriterion

# Points shown publicly are rounded to about 110 m, as for complaints.
PUBLIC_POINT_DECIMALS = 3


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: confirmed by the proposer (or entered by staff), in a published
        cycle. The one definition of "public" for proposals."""
        return self.exclude(status=Proposal.Status.UNCONFIRMED).filter(cycle__is_published=True)

    def at_stage(self, stage: str):
        return self.filter(status__in=Proposal.statuses_of_stage(stage))


class Proposal(AbstractCase):
    """One development proposal (usulan) in a planning cycle."""

    REFERENCE_PREFIX = "MUS"

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the proposer's confirmation")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for fixes")
        REJECTED = "rejected", _("Rejected by the kelurahan")
        VERIFIED = "verified", _("Verified by the kelurahan")
        KELURAHAN_HELD = "kel_held", _("Not forwarded by the kelurahan")
        AT_KECAMATAN = "at_kecamatan", _("Forwarded to the kecamatan")
        KECAMATAN_HELD = "kec_held", _("Not forwarded by the kecamatan")
        AT_CITY = "at_city", _("Forwarded to the city forum")
        ACCEPTED = "accepted", _("Accepted into the plan")
        DEFERRED = "deferred", _("Deferred")
        DECLINED = "declined", _("Rejected by the city forum")

    class Stage(models.TextChoices):
        """Where a proposal is on its way up, for the public filters."""

        INTAKE = "intake", _("Intake")
        KELURAHAN = "kelurahan", _("Kelurahan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        CITY = "city", _("City forum")
        PLAN = "plan", _("In the plan")
        STOPPED = "stopped", _("Not continued")

    class ProposerKind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        RT_RW = "rt_rw", _("RT/RW")
        GROUP = "group", _("Community group")
        KELURAHAN = "kelurahan", _("Kelurahan")
        POKIR = "pokir", _("DPRD member's aspiration (pokir)")

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        STAFF = "staff", _("Entered by a facilitator")

    STAGE_OF_STATUS = {
        Status.UNCONFIRMED: Stage.INTAKE,
        Status.SUBMITTED: Stage.INTAKE,
        Status.RETURNED: Stage.INTAKE,
        Status.REJECTED: Stage.STOPPED,
        Status.VERIFIED: Stage.KELURAHAN,
        Status.KELURAHAN_HELD: Stage.STOPPED,
        Status.AT_KECAMATAN: Stage.KECAMATAN,
        Status.KECAMATAN_HELD: Stage.STOPPED,
        Status.AT_CITY: Stage.CITY,
        Status.ACCEPTED: Stage.PLAN,
        Status.DEFERRED: Stage.STOPPED,
        Status.DECLINED: Stage.STOPPED,
    }
    # Proposals that were not funded and may be proposed again in a later cycle.
    UNFUNDED_STATES = (
        Status.REJECTED,
        Status.KELURAHAN_HELD,
        Status.KECAMATAN_HELD,
        Status.DEFERRED,
        Status.DECLINED,
    )
    # Not (yet) verified by the kelurahan: its photos stay for staff only.
    PHOTOS_PRIVATE_STATES = (Status.UNCONFIRMED, Status.SUBMITTED, Status.RETURNED, Status.REJECTED)
    # Where each proposal reached, for the journey (kelurahan → kecamatan → city → plan).
    REACHED = {
        Status.AT_KECAMATAN: Level.KECAMATAN,
        Status.KECAMATAN_HELD: Level.KECAMATAN,
        Status.AT_CITY: Level.CITY,
        Status.ACCEPTED: Level.CITY,
        Status.DEFERRED: Level.CITY,
        Status.DECLINED: Level.CITY,
    }

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    cycle = models.ForeignKey(
        PlanningCycle, verbose_name=_("planning cycle"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=150)
    problem = models.TextField(_("problem to solve"), max_length=3000)
    item = models.ForeignKey(
        ActivityItem,
        verbose_name=_("standard activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("Empty for an activity outside the catalogue (“other”)."),
    )
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    other_cost = models.DecimalField(
        _("estimated cost of another activity (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    other_cost_justification = models.TextField(_("how the cost was estimated"), max_length=2000, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="proposals"
    )
    # volume × unit cost, or the "other" cost: stored so lists and totals never recompute it.
    estimated_cost = models.DecimalField(_("estimated cost (Rp)"), max_digits=15, decimal_places=0)
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("kelurahan"), on_delete=models.PROTECT, related_name="musrenbang_proposals"
    )
    # Denormalised from the kelurahan: the kecamatan's lists and totals filter on it directly.
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="musrenbang_proposals"
    )
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    address = models.CharField(_("address or landmark"), max_length=255, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("people who benefit"), default=0)
    expected_agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency expected to carry it out"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entry_level = models.CharField(
        _("entered at"), max_length=12, choices=Level.choices, default=Level.KELURAHAN
    )

    # Personal data: facilitators of the region and Bappeda only.
    proposer_kind = models.CharField(
        _("proposed by"), max_length=12, choices=ProposerKind.choices, default=ProposerKind.RESIDENT
    )
    proposer_name = models.CharField(_("proposer's name"), max_length=120)
    proposer_group = models.CharField(
        _("group, RT/RW or DPRD member"), max_length=150, blank=True, help_text=_("Shown unless unnamed.")
    )
    proposer_email = models.EmailField(_("proposer's e-mail"), blank=True)
    proposer_phone = models.CharField(_("proposer's phone"), max_length=20, blank=True)
    # The contact (e-mail in lower case or E.164 phone) the proposer confirmed: their follower row.
    proposer_contact = models.CharField(max_length=254, blank=True, editable=False)
    stay_unnamed = models.BooleanField(_("proposer asked to stay unnamed"), default=False)
    language = models.CharField(_("language"), max_length=5, default="id")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    repeats = models.ForeignKey(
        "self",
        verbose_name=_("repeats an earlier proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeated_by",
    )
    repeat_reason = models.TextField(_("why it is proposed again"), max_length=2000, blank=True)

    # Deliberations: weighted score (0–100) and rank at each level.
    kelurahan_score = models.DecimalField(
        _("kelurahan score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    kelurahan_rank = models.PositiveSmallIntegerField(_("kelurahan rank"), null=True, blank=True)
    kecamatan_score = models.DecimalField(
        _("kecamatan score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    kecamatan_rank = models.PositiveSmallIntegerField(_("kecamatan rank"), null=True, blank=True)

    # The city forum's decision: the agency's plan line (``agency`` is the implementing agency).
    agreed_volume = models.DecimalField(
        _("agreed volume"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    agreed_cost = models.DecimalField(
        _("agreed cost (Rp)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    decision_note = models.TextField(_("reason given"), blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["cycle", "kelurahan", "status"], name="musrenbang_prop_kel_idx"),
            models.Index(fields=["cycle", "kecamatan", "status"], name="musrenbang_prop_kec_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, volume__isnull=False)
                | Q(item__isnull=True, other_cost__isnull=False),
                name="musrenbang_proposal_item_or_other_cost",
            ),
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0), name="musrenbang_proposal_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(repeats__isnull=True) | ~Q(repeat_reason=""),
                name="musrenbang_proposal_repeat_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @classmethod
    def visible_to(cls, user, queryset=None):
        """Proposals are scoped by region, not by agency (``access.visible_proposals``): Bappeda
        sees all, facilitators their kelurahan's or kecamatan's; also in the site history."""
        from ..access import visible_proposals

        return visible_proposals(user, cls._default_manager.all() if queryset is None else queryset)

    def clean(self):
        errors = {}
        if self.item_id is None:
            if self.other_cost is None or self.other_cost <= 0:
                errors["other_cost"] = _("Give the estimated cost of an activity outside the catalogue.")
            if not self.other_cost_justification.strip():
                errors["other_cost_justification"] = _("Explain how the cost was estimated.")
        elif not self.volume or self.volume <= 0:
            errors["volume"] = _("Give the volume (how many units).")
        elif not self.item.allows(self.entry_level):
            errors["item"] = _("This activity may not be proposed at this level.")
        if self.repeats_id and not self.repeat_reason.strip():
            errors["repeat_reason"] = _("Say why the earlier proposal is proposed again.")
        if errors:
            raise ValidationError(errors)

    def compute_cost(self) -> Decimal:
        if self.item_id is not None and self.volume is not None:
            return (self.volume * self.item.unit_cost).quantize(Decimal("1"))
        return self.other_cost or Decimal("0")

    # --- Public presentation --------------------------------------------------------------------

    @classmethod
    def statuses_of_stage(cls, stage: str) -> list[str]:
        return [status for status, s in cls.STAGE_OF_STATUS.items() if s == stage]

    @property
    def stage(self) -> str:
        return self.STAGE_OF_STATUS[self.status]

    def get_stage_display(self) -> str:
        return self.Stage(self.stage).label

    @property
    def public_proposer(self) -> str:
        """Who proposed it, as the public reads it: the kind only when the proposer asked so."""
        if self.stay_unnamed:
            return str(self.get_proposer_kind_display())
        who = self.proposer_group or self.proposer_name
        return f"{who} ({self.get_proposer_kind_display()})"

    @property
    def photos_are_public(self) -> bool:
        """Photos are shown once the kelurahan has verified the proposal (having seen them), except
        those staff withheld (``WithheldPhoto``); they were re-encoded on upload
        (``core.uploads``), which drops EXIF and its location."""
        return self.status not in self.PHOTOS_PRIVATE_STATES

    @property
    def is_pokir(self) -> bool:
        return self.proposer_kind == self.ProposerKind.POKIR

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def public_point(self) -> tuple[float, float] | None:
        if not self.has_point:
            return None
        return (
            round(float(self.latitude), PUBLIC_POINT_DECIMALS),
            round(float(self.longitude), PUBLIC_POINT_DECIMALS),
        )

    def journey(self) -> list[dict]:
        """The levels the proposal went through, each marked reached / current / stopped."""
        reached = self.REACHED.get(self.status, Level.KELURAHAN)
        order = [Level.KELURAHAN, Level.KECAMATAN, Level.CITY]
        steps = []
        entered = order.index(self.entry_level) if self.entry_level in order else 0
        for level in order:
            if order.index(level) < entered:
                # Entered directly at the kecamatan or the city forum: it never went through here.
                state = "skipped"
            elif order.index(level) < order.index(reached) or self.status == self.Status.ACCEPTED:
                state = "passed"
            elif level == reached:
                state = "stopped" if self.stage == self.Stage.STOPPED else "current"
            else:
                state = "future"
            steps.append({"level": level, "label": Level(level).label, "state": state})
        plan_state = "passed" if self.status == self.Status.ACCEPTED else "future"
        steps.append({"level": "plan", "label": _("Agency's plan (RKPD)"), "state": plan_state})
        return steps

    def lineage(self) -> list[Proposal]:
        """This proposal and the ones it repeats or that repeat it, oldest first (across years)."""
        chain = [self]
        earlier = self.repeats
        seen = {self.pk}
        while earlier is not None and earlier.pk not in seen:
            chain.insert(0, earlier)
            seen.add(earlier.pk)
            earlier = earlier.repeats
        later = Proposal.objects.filter(repeats=self).order_by("created_at").first()
        while later is not None and later.pk not in seen:
            chain.append(later)
            seen.add(later.pk)
            later = Proposal.objects.filter(repeats=later).order_by("created_at").first()
        return chain


class ProposalEvent(AbstractCaseEvent):
    """The history of a proposal: submitted, verified, scored, forwarded, decided..."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Submitted")
        STATUS = "status", _("Status change")
        NOTE = "note", _("Internal note")
        REPLY = "reply", _("Message to the proposer")
        SCORE = "score", _("Scored")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("proposal event")
        verbose_name_plural = _("proposal events")

    @property
    def acted_as(self):
        if self.by_citizen:
            return ""
        if self.actor_agency_id:
            return self.actor_agency.name
        return _("Musrenbang facilitator")


class ProposalScore(models.Model):
    """A deliberation's score of one proposal on one criterion, at one level."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "level", "criterion"], name="musrenbang_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.level} {self.criterion_id}={self.value}"


class Facilitator(models.Model):
    """A staff account's region in Musrenbang: the kelurahan or kecamatan they facilitate.

    Bappeda planners (group "Bappeda planners") act at city level everywhere; kelurahan and
    kecamatan facilitators (their groups give the admin permissions) act only in their region.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="musrenbang_regions",
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices[:2])
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Musrenbang facilitator")
        verbose_name_plural = _("Musrenbang facilitators")
        constraints = [
            models.CheckConstraint(
                condition=Q(level="kelurahan", kelurahan__isnull=False, kecamatan__isnull=True)
                | Q(level="kecamatan", kecamatan__isnull=False, kelurahan__isnull=True),
                name="musrenbang_facilitator_region_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kelurahan or self.kecamatan}"


class WithheldPhoto(models.Model):
    """A photo of a proposal that staff keep off the public page (a face, a house number, a
    document...): every other image of a verified proposal is public."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="withheld_photos")
    attachment = models.OneToOneField("core.Attachment", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("withheld at"), default=timezone.now)

    class Meta:
        verbose_name = _("photo withheld from the public page")
        verbose_name_plural = _("photos withheld from the public page")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.attachment_id}"
