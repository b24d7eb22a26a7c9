"""Permit applications (permohonan izin), their uploaded requirements, history and survey.

An application is a case (``smartcity.core``): reference ``IZN-YYYY-NNNNNN`` given when it is
submitted (a draft carries a temporary ``DRAF-…`` reference, so abandoned drafts leave no gaps
in the registration numbers), an access token, a status moved only by
``smartcity.permits.workflow`` and a history of events.

The service-level clock counts working days (``smartcity.core.working_days``) from submission;
while the application waits with the applicant (returned) the clock stops: the working days of
each return are added to ``paused_days``, and ``due_at`` moves accordingly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCase, AbstractCaseEvent, Attachment

from .permit_type import ApplicantKind, PermitRequirement, PermitType


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.exclude(status=PermitApplication.Status.DRAFT)

    def in_progress(self):
        """Applications the agency is working on (the clock runs)."""
        return self.filter(status__in=PermitApplication.CLOCK_RUNNING_STATES)

    def overdue(self, now=None):
        return self.in_progress().filter(due_at__lt=now or timezone.now())


class PermitApplication(AbstractCase):
    """One application for a permit by a person (NIK) or a company (NIB, NPWP, contact person)."""

    REFERENCE_PREFIX = "IZN"
    DRAFT_PREFIX = "DRAF-"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the applicant")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        REVIEW = "review", _("Technical review")
        DECISION = "decision", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ISSUED = "issued", _("Permit issued")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        COUNTER = "counter", _("Filed at the counter")

    CLOCK_RUNNING_STATES = (
        Status.SUBMITTED,
        Status.RESUBMITTED,
        Status.REVIEW,
        Status.DECISION,
        Status.APPROVED,
    )
    EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)
    FINISHED_STATES = (Status.ISSUED, Status.REJECTED, Status.WITHDRAWN)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    permit_type = models.ForeignKey(
        PermitType, verbose_name=_("permit type"), on_delete=models.PROTECT, related_name="applications"
    )
    # Personal data: the issuing agency's staff and supervisors only; never public.
    applicant_kind = models.CharField(
        _("applicant"), max_length=10, choices=[c for c in ApplicantKind.choices if c[0] != "both"]
    )
    applicant_name = models.CharField(_("name of the person"), max_length=120)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    nib = models.CharField(_("NIB (business identification number)"), max_length=13, blank=True)
    npwp = models.CharField(_("NPWP (tax number)"), max_length=16, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255)
    answers = models.JSONField(_("answers to the type's questions"), default=dict, blank=True)
    fee = models.DecimalField(_("fee (Rp)"), max_digits=14, decimal_places=0, default=0)
    language = models.CharField(_("language"), max_length=5, default="id")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    consent_at = models.DateTimeField(_("consent given at"))

    # The service-level clock (see the module docstring).
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True, db_index=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    paused_days = models.PositiveSmallIntegerField(_("working days waiting for the applicant"), default=0)
    due_at = models.DateTimeField(_("expected completion"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"), null=True, blank=True
    )
    overdue_alerted_at = models.DateTimeField(_("overdue alert sent at"), null=True, blank=True)

    missing_items = models.TextField(_("what is missing"), blank=True, help_text=_("One item per line."))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    survey_at = models.DateTimeField(_("site survey at"), null=True, blank=True)
    survey_report = models.TextField(_("site survey report"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")
        permissions = [("export_permitapplication", "Can export permit applications")]
        indexes = [models.Index(fields=["permit_type", "status"], name="permits_type_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_kind="person") | ~Q(company_name="") & ~Q(nib=""),
                name="permits_company_has_name_and_nib",
            ),
            models.CheckConstraint(condition=~Q(email="") | ~Q(phone=""), name="permits_has_contact"),
            models.CheckConstraint(
                condition=Q(status__in=("draft", "withdrawn")) | Q(submitted_at__isnull=False),
                name="permits_submitted_at_set",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("submitted_at")),
                name="permits_completed_after_submitted",
            ),
        ]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_editable_by_applicant(self) -> bool:
        return self.status in self.EDITABLE_STATES

    @property
    def holder_name(self) -> str:
        return self.company_name if self.applicant_kind == ApplicantKind.COMPANY else self.applicant_name

    def missing_list(self) -> list[str]:
        return [line.strip() for line in self.missing_items.splitlines() if line.strip()]

    def is_overdue(self, now=None) -> bool:
        return bool(
            self.status in self.CLOCK_RUNNING_STATES and self.due_at and self.due_at < (now or timezone.now())
        )

    def missing_mandatory(self) -> list[PermitRequirement]:
        """Mandatory requirements of the type that have no upload yet."""
        uploaded = {u.requirement_id for u in self.uploads.all()}
        return [r for r in self.permit_type.requirements.all() if r.mandatory and r.pk not in uploaded]


class RequirementUpload(models.Model):
    """The applicant's document for one requirement (a core private attachment, checked by bytes)."""

    application = models.ForeignKey(PermitApplication, on_delete=models.CASCADE, related_name="uploads")
    requirement = models.ForeignKey(
        PermitRequirement,
        verbose_name=_("requirement"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The requirement's label when uploaded: the checklist may change later.
    label = models.CharField(_("document"), max_length=200)
    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["requirement__sort_order", "pk"]
        verbose_name = _("requirement document")
        verbose_name_plural = _("requirement documents")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"],
                condition=Q(requirement__isnull=False),
                name="permits_one_upload_per_requirement",
            )
        ]

    def __str__(self) -> str:
        return self.label


class PermitApplicationEvent(AbstractCaseEvent):
    """The history of an application: submitted, returned, reviewed, decided, alerts..."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Draft started")
        STATUS = "status", _("Status change")
        NOTE = "note", _("Internal note")
        SURVEY = "survey", _("Site survey")
        OVERDUE = "overdue", _("Service level exceeded")
        REVOKED = "revoked", _("Permit revoked")
        RATING = "rating", _("Satisfaction survey")
        REUSED = "reused", _("Document reused from an earlier application")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(PermitApplication, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application history")


SURVEY_ELEMENTS = [
    ("requirements", _("Requirements")),
    ("procedure", _("Systems, mechanisms and procedures")),
    ("duration", _("Completion time")),
    ("cost", _("Cost or fee")),
    ("product", _("Service products")),
    ("competence", _("Competence of the staff")),
    ("conduct", _("Conduct of the staff")),
    ("complaints", _("Handling of complaints, suggestions and feedback")),
    ("facilities", _("Facilities and infrastructure")),
]


def _score_field(label):
    return models.PositiveSmallIntegerField(label)


class SatisfactionSurvey(models.Model):
    """The applicant's answer to the national public-service satisfaction survey (SKM).

    The nine elements of PermenPAN-RB 14/2017, each 1 (not good) to 4 (very good); the index
    (IKM) is the mean times 25 (25–100). Anonymous in the statistics: only counts and means.
    """

    application = models.OneToOneField(PermitApplication, on_delete=models.CASCADE, related_name="survey")
    requirements = _score_field(_("Requirements"))
    procedure = _score_field(_("Systems, mechanisms and procedures"))
    duration = _score_field(_("Completion time"))
    cost = _score_field(_("Cost or fee"))
    product = _score_field(_("Service products"))
    competence = _score_field(_("Competence of the staff"))
    conduct = _score_field(_("Conduct of the staff"))
    complaints = _score_field(_("Handling of complaints, suggestions and feedback"))
    facilities = _score_field(_("Facilities and infrastructure"))
    suggestion = models.TextField(_("suggestion"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 4}), name=f"permits_survey_{name}_1_4"
            )
            for name, _label in SURVEY_ELEMENTS
        ]

    def __str__(self) -> str:
        return f"SKM {self.application_id}"

    @property
    def mean(self) -> float:
        return sum(getattr(self, name) for name, _label in SURVEY_ELEMENTS) / len(SURVEY_ELEMENTS)
