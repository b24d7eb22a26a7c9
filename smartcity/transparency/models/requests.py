"""Information requests (permohonan informasi) and objections (keberatan) under UU 14/2008.

A request is a case (``smartcity.core``): number ``PPID-YYYY-NNNNNN``, access code, status
moved only by ``smartcity.transparency.workflow``, and a history. The law's deadlines are in
working days on the city's calendar (``smartcity.core.working_days``):

* the agency answers within 10 working days, extendable once by 7 with a written notice
  (art. 22(7)–(8));
* the requester may object within 30 working days of the answer or of the missed deadline
  (art. 36(1)); the superior officer answers within 30 working days (art. 36(2));
* after that answer the requester may take the dispute to the Information Commission within 14
  working days (art. 37(2)).

The requester's identity, contacts and ID card copy are personal data: only the owning agency's
information officers see them (``SEEN_BY_SUPERVISORS = False``, ``STAFF_PERMISSION``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCase, AbstractCaseEvent, Agency
from smartcity.core.working_days import add_working_days, working_days_between

from .law import ExemptionGround, ObjectionGround

ANSWER_WORKING_DAYS = 10
EXTENSION_WORKING_DAYS = 7
OBJECTION_WORKING_DAYS = 30
OBJECTION_ANSWER_WORKING_DAYS = 30
COMMISSION_WORKING_DAYS = 14

OPEN_STATUSES = ("received", "extended")
ANSWERED_STATUSES = ("granted", "partly_granted", "refused", "not_held")


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())


class InformationRequest(AbstractCase):
    """A request for public information addressed to one agency (see the module docstring)."""

    REFERENCE_PREFIX = "PPID"
    SEEN_BY_SUPERVISORS = False
    STAFF_PERMISSION = "transparency.view_informationrequest"

    class Status(models.TextChoices):
        RECEIVED = "received", _("Being processed")
        EXTENDED = "extended", _("Extended")
        GRANTED = "granted", _("Granted")
        PARTLY_GRANTED = "partly_granted", _("Partly granted")
        REFUSED = "refused", _("Refused")
        NOT_HELD = "not_held", _("Information not held")
        OBJECTED = "objected", _("Objection filed")
        OBJECTION_ANSWERED = "objection_answered", _("Objection answered")
        DISPUTED = "disputed", _("Dispute at the Information Commission")

    class Decision(models.TextChoices):
        GRANTED = "granted", _("Granted")
        PARTLY_GRANTED = "partly_granted", _("Partly granted")
        REFUSED = "refused", _("Refused")
        NOT_HELD = "not_held", _("Information not held")

    class RequesterKind(models.TextChoices):
        PERSON = "person", _("Individual")
        ORGANISATION = "organisation", _("Organisation (legal entity)")

    class Delivery(models.TextChoices):
        VIEW = "view", _("View and read it at the office")
        COPY = "copy", _("Collect a copy at the office")
        EMAIL = "email", _("By e-mail")
        POST = "post", _("By post")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    # Personal data: the owning agency's information officers only.
    requester_kind = models.CharField(
        _("requester"), max_length=20, choices=RequesterKind.choices, default=RequesterKind.PERSON
    )
    name = models.CharField(_("name"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    legal_status = models.CharField(
        _("legal status"),
        max_length=255,
        blank=True,
        help_text=_("For an organisation: its legal form and the deed or decree that founded it."),
    )
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    address = models.TextField(_("address"), max_length=500)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    information_wanted = models.TextField(_("information requested"), max_length=4000)
    purpose = models.TextField(_("purpose"), max_length=2000)
    delivery = models.CharField(_("how to receive it"), max_length=10, choices=Delivery.choices)
    consent_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=5, default="id")

    due_at = models.DateTimeField(_("answer due"))
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_notice = models.TextField(_("extension notice"), blank=True)
    forwarded_from = models.ForeignKey(
        Agency,
        verbose_name=_("forwarded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)

    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    withheld = models.TextField(
        _("what was withheld and why"), blank=True, help_text=_("For a partly granted request.")
    )
    exemption_ground = models.CharField(
        _("exemption ground"), max_length=3, choices=ExemptionGround.choices, blank=True
    )
    # Working days from receipt (or forwarding) to the answer, on the calendar of that time.
    answer_working_days = models.PositiveSmallIntegerField(
        _("answer time (working days)"), null=True, blank=True
    )

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        permissions = [("export_informationrequest", "Can export information requests")]
        indexes = [models.Index(fields=["agency", "status"], name="transparency_agency_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="transparency_request_has_contact"
            ),
            models.CheckConstraint(
                condition=~Q(requester_kind="person") | ~Q(nik=""), name="transparency_person_has_nik"
            ),
            models.CheckConstraint(
                condition=~Q(requester_kind="organisation") | ~Q(legal_status=""),
                name="transparency_organisation_has_legal_status",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(answered_at__isnull=False),
                name="transparency_decision_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(decision="refused") | ~Q(exemption_ground=""),
                name="transparency_refusal_has_ground",
            ),
            models.CheckConstraint(
                condition=~Q(decision="partly_granted") | ~Q(withheld=""),
                name="transparency_partial_says_what_was_withheld",
            ),
        ]

    # --- Deadlines ---------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    def started_at(self) -> datetime.datetime:
        """When the current agency's clock started: receipt, or the forwarding to it."""
        return self.forwarded_at or self.created_at

    def is_overdue(self, now=None) -> bool:
        """Open past its deadline. An extended request counts against the extended deadline."""
        return self.is_open and (now or timezone.now()) > self.due_at

    def working_days_waited(self, now=None) -> int:
        return working_days_between(self.created_at, self.answered_at or now or timezone.now())

    def working_days_left(self, now=None) -> int | None:
        """Working days until the deadline (0 on its last day); None once answered or overdue."""
        now = now or timezone.now()
        if not self.is_open or now > self.due_at:
            return None
        return working_days_between(now, self.due_at)

    def objection_deadline(self) -> datetime.datetime | None:
        """30 working days after the answer, or after the deadline the agency missed."""
        if self.answered_at is not None:
            return add_working_days(self.answered_at, OBJECTION_WORKING_DAYS)
        if self.is_open:
            return add_working_days(self.due_at, OBJECTION_WORKING_DAYS)
        return None

    def may_object(self, now=None) -> bool:
        now = now or timezone.now()
        if hasattr(self, "objection_record") and self.objection_record is not None:
            return False
        if self.status in ANSWERED_STATUSES:
            return now <= self.objection_deadline()
        return self.is_overdue(now) and now <= self.objection_deadline()

    @property
    def objection_record(self):
        try:
            return self.objection
        except Objection.DoesNotExist:
            return None

    def public_events(self):
        return self.events.seen_by_citizen().select_related("actor_agency")


class RequestEvent(AbstractCaseEvent):
    """The history of a request: received, extended, answered, forwarded, objection..."""

    case = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("request event")
        verbose_name_plural = _("request history")


class Objection(models.Model):
    """An objection (keberatan) to the superior officer: one row of the objection register.

    The register keeps what the law's form asks (Perki SLIP 1/2010): registration number and
    date, the requester and the request (through ``request``), the ground of art. 35, the case
    as the requester puts it, the superior's decision, its date and who took it, and what the
    requester did next (accepted, or a dispute at the Information Commission).
    """

    REFERENCE_PREFIX = "KEB"
    # Who sees an objection: as for its request (smartcity.core.access).
    SEEN_BY_SUPERVISORS = False
    STAFF_PERMISSION = "transparency.view_objection"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld: the information is to be provided")
        REJECTED = "rejected", _("Rejected: the agency's answer stands")

    reference = models.CharField(_("objection number"), max_length=20, unique=True, editable=False)
    request = models.OneToOneField(
        InformationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="objection"
    )
    ground = models.CharField(_("ground (art. 35)"), max_length=1, choices=ObjectionGround.choices)
    case_position = models.TextField(_("the case as the requester puts it"), max_length=4000)
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices, blank=True)
    response = models.TextField(_("response of the superior officer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superior_name = models.CharField(_("name of the superior officer"), max_length=150, blank=True)
    superior_position = models.CharField(_("position of the superior officer"), max_length=150, blank=True)
    dispute_filed_on = models.DateField(
        _("dispute filed with the Information Commission on"), null=True, blank=True
    )
    dispute_reference = models.CharField(
        _("the Commission's registration number"), max_length=100, blank=True
    )

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("objection (keberatan)")
        verbose_name_plural = _("objection register")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | (Q(answered_at__isnull=False) & ~Q(response="")),
                name="transparency_objection_answer_complete",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def agency(self):
        return self.request.agency

    @property
    def agency_id(self):  # for smartcity.core.access
        return self.request.agency_id

    def is_overdue(self, now=None) -> bool:
        return not self.outcome and (now or timezone.now()) > self.due_at

    def commission_deadline(self) -> datetime.datetime | None:
        """14 working days after the superior's answer (or after the deadline they missed)."""
        if self.answered_at is not None:
            return add_working_days(self.answered_at, COMMISSION_WORKING_DAYS)
        return add_working_days(self.due_at, COMMISSION_WORKING_DAYS)

    def working_days_left(self, now=None) -> int | None:
        now = now or timezone.now()
        if self.outcome or now > self.due_at:
            return None
        return working_days_between(now, self.due_at)
