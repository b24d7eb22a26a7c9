"""e-masyarakat: complaints (pengaduan) and aspirations (aspirasi) from citizens.

A complaint is a case (``smartcity.core``): reference ``ADU-YYYY-NNNNNN``, access token, status
moved only by ``smartcity.complaints.workflow``, a history of events, and attachments in
private storage. Reporter details are personal data: never shown publicly, visible only to the
handling agency's staff and case supervisors.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from smartcity.core.models import AbstractCase, AbstractCaseEvent, Agency, Kelurahan

ComplaintEventKind = AbstractCaseEvent.Kind

REOPEN_WINDOW = datetime.timedelta(days=14)
# Points shown publicly (map, API) are rounded to about 110 m: an exact point can identify the
# reporter's house.
PUBLIC_POINT_DECIMALS = 3


class ComplaintCategory(index.Indexed, models.Model):
    """What a complaint is about; decides the default agency and the resolution target.

    ``service_code`` is the category's identifier in the Open311 GeoReport v2 API.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    service_code = models.SlugField(
        _("Open311 service code"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used by the API."),
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    keywords = models.CharField(_("keywords"), max_length=255, blank=True, help_text=_("Comma-separated."))
    default_agency = models.ForeignKey(
        Agency,
        verbose_name=_("default agency"),
        on_delete=models.PROTECT,
        related_name="complaint_categories",
    )
    resolution_days = models.PositiveSmallIntegerField(_("resolution target (working days)"), default=14)
    is_active = models.BooleanField(_("accepting complaints"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("service_code"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("default_agency"),
        FieldPanel("resolution_days"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolution_days__gte=1), name="complaints_category_days_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ComplaintQuerySet(models.QuerySet):
    def verified(self):
        """Complaints the desk has checked (verified or assigned), except those found to be spam."""
        return self.filter(verified_at__isnull=False).exclude(
            status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.SPAM
        )

    def public(self):
        """What anyone may see (public list, map, Open311, public pages): checked by the desk
        and not private. The one definition of "public" for complaints: use it everywhere."""
        return self.verified().filter(is_private=False)

    def open(self):
        return self.exclude(status__in=Complaint.FINISHED_STATES)

    def within(self, south: float, north: float, west: float, east: float):
        """Complaints whose point lies in a latitude/longitude box."""
        return self.filter(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)

    def overdue(self, now=None):
        """Open complaints past their first-response or resolution deadline."""
        now = now or timezone.now()
        return self.open().filter(
            Q(first_responded_at__isnull=True, first_response_due__lt=now) | Q(resolution_due__lt=now)
        )


class Complaint(AbstractCase):
    """A complaint or aspiration from a citizen."""

    REFERENCE_PREFIX = "ADU"

    class Kind(models.TextChoices):
        COMPLAINT = "pengaduan", _("Complaint")
        ASPIRATION = "aspirasi", _("Aspiration")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFIED = "verified", _("Verified")
        ASSIGNED = "assigned", _("Assigned to an agency")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")

    class RejectionReason(models.TextChoices):
        SPAM = "spam", _("Spam or abuse")
        DUPLICATE = "duplicate", _("Duplicate of another complaint")
        OUT_OF_SCOPE = "out_of_scope", _("Outside the city government's responsibility")

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        OPEN311 = "open311", _("Open311 API")
        STAFF = "staff", _("Entered by staff")

    class PublicStage(models.TextChoices):
        """What the public map tells apart (by colour and shape): fewer stages than statuses."""

        NEW = "new", _("New")
        HANDLING = "handling", _("Being handled")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    FINISHED_STATES = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
    PUBLIC_STAGE_OF_STATUS = {
        Status.RECEIVED: PublicStage.NEW,
        Status.VERIFIED: PublicStage.NEW,
        Status.ASSIGNED: PublicStage.HANDLING,
        Status.IN_PROGRESS: PublicStage.HANDLING,
        Status.RESOLVED: PublicStage.RESOLVED,
        Status.CLOSED: PublicStage.RESOLVED,
        Status.REJECTED: PublicStage.REJECTED,
    }
    # What the public page shows of the history: the handling, never the exchanges between the
    # reporter and staff (citizen messages, ratings), which may carry personal details.
    PUBLIC_TIMELINE_KINDS = (
        ComplaintEventKind.CREATED,
        ComplaintEventKind.STATUS,
        ComplaintEventKind.ASSIGNMENT,
        ComplaintEventKind.REPLY,
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    title = models.CharField(_("subject"), max_length=150)
    description = models.TextField(_("description"), max_length=5000)
    # The desk's wording for the public (personal details taken out); empty: as the citizen wrote.
    # The citizen's own text stays for staff and the reporter.
    public_title = models.CharField(_("public subject"), max_length=150, blank=True)
    public_description = models.TextField(_("public description"), max_length=5000, blank=True)
    category = models.ForeignKey(
        ComplaintCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="complaints"
    )
    kelurahan = models.ForeignKey(
        Kelurahan, verbose_name=_("urban village"), on_delete=models.PROTECT, related_name="complaints"
    )
    address = models.CharField(_("address or landmark"), max_length=255, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    # Personal data: staff of the handling agency and supervisors only.
    reporter_name = models.CharField(_("reporter's name"), max_length=120)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    reporter_nik = models.CharField(_("reporter's NIK"), max_length=16, blank=True)
    hide_name = models.BooleanField(_("hide the reporter's name publicly"), default=False)
    is_private = models.BooleanField(_("keep the complaint private"), default=False)
    consent_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=5, default="id")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(
        _("checked by the desk at"),
        null=True,
        blank=True,
        help_text=_("A complaint is public only once the complaint desk has checked it."),
    )
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_responded_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), max_length=1000, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        permissions = [("export_complaint", "Can export complaints")]
        indexes = [
            models.Index(fields=["agency", "status"], name="complaints_agency_status_idx"),
            models.Index(fields=["status", "created_at"], name="complaints_status_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reporter_email="") | ~Q(reporter_phone=""), name="complaints_has_contact"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaints_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="complaints_point_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="complaints_rejection_has_reason",
            ),
        ]

    @property
    def public_name(self) -> str:
        return (
            str(_("Anonymous"))
            if self.hide_name
            else self.reporter_name.split()[0]
            if self.reporter_name
            else ""
        )

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED_STATES

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_finished:
            return False
        late_first = self.first_responded_at is None and self.first_response_due < now
        return late_first or self.resolution_due < now

    def can_be_reopened(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status in (self.Status.RESOLVED, self.Status.CLOSED)
            and self.resolved_at is not None
            and now - self.resolved_at <= REOPEN_WINDOW
        )

    def can_be_rated(self) -> bool:
        return self.status in (self.Status.RESOLVED, self.Status.CLOSED) and self.rating is None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def public_point(self) -> tuple[float, float] | None:
        """The map point rounded for public display, or None."""
        if not self.has_point:
            return None
        return (
            round(float(self.latitude), PUBLIC_POINT_DECIMALS),
            round(float(self.longitude), PUBLIC_POINT_DECIMALS),
        )

    @property
    def published_title(self) -> str:
        """The subject as the public reads it (the desk's wording, if it gave one)."""
        return self.public_title or self.title

    @property
    def published_description(self) -> str:
        return self.public_description or self.description

    @property
    def is_public(self) -> bool:
        """Same rule as ``Complaint.objects.public()``, for one loaded complaint."""
        spam = self.status == self.Status.REJECTED and self.rejection_reason == self.RejectionReason.SPAM
        return self.verified_at is not None and not self.is_private and not spam

    def public_events(self):
        """The reporter's timeline: status changes and public messages (see ``seen_by_citizen``)."""
        return self.events.seen_by_citizen().select_related("actor_agency")

    @property
    def public_stage(self) -> str:
        return self.PUBLIC_STAGE_OF_STATUS.get(self.status, self.PublicStage.NEW)

    @classmethod
    def statuses_of_stage(cls, stage: str) -> list[str]:
        return [status for status, of in cls.PUBLIC_STAGE_OF_STATUS.items() if of == stage]

    def public_timeline(self):
        """The history anyone may read on the complaint's public page: the status changes (their
        notes only where addressed to the reporter) and the city's public replies."""
        return self.events.seen_by_citizen().filter(kind__in=self.PUBLIC_TIMELINE_KINDS)


class ComplaintEvent(AbstractCaseEvent):
    """The history of a complaint: status changes, replies, notes, citizen messages, ratings."""

    case = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint history")


class Open311Client(models.Model):
    """An application allowed to POST service requests to the Open311 API with an API key.

    Only a digest of the key is stored; the key is shown once when the client is created.
    """

    name = models.CharField(_("name"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("key begins with"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    panels = [FieldPanel("name"), FieldPanel("contact_email"), FieldPanel("is_active")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 API client")
        verbose_name_plural = _("Open311 API clients")

    def __str__(self) -> str:
        return self.name
