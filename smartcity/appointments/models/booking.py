"""Bookings (janji temu): a citizen's place in one slot of a bookable service.

A booking is a case (``smartcity.core``): reference ``JT-YYYY-NNNNNN``, access token, status
moved only by ``smartcity.appointments.workflow``, and a history of events.

Capacity lives in the database, not only in code: a booking that holds a place carries a seat
number in its slot (1..capacity) and, when the service has a daily quota, a seat number in its
day (1..quota). Partial unique constraints make two held places with the same seat impossible,
check constraints keep the seat within the capacity, and a cancelled, declined or expired
booking holds no seat, so its place is free at once.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCase, AbstractCaseEvent

from .service import BookableService

# Statuses in which a booking holds its place (module level: the Meta constraints need it).
HOLDING_STATUSES = ("pending", "confirmed", "checked_in", "done", "no_show")


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Bookings that hold a place in their slot."""
        return self.filter(status__in=Booking.HOLDING_STATES)

    def upcoming(self, now=None):
        return self.holding().filter(starts_at__gte=now or timezone.now())


class Booking(AbstractCase):
    """A citizen's appointment with a bookable service."""

    REFERENCE_PREFIX = "JT"

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        CHECKED_IN = "checked_in", _("Checked in")
        DONE = "done", _("Done")
        NO_SHOW = "no_show", _("Did not come")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        API = "api", _("API")
        STAFF = "staff", _("Booked by staff")

    HOLDING_STATES = (Status.PENDING, Status.CONFIRMED, Status.CHECKED_IN, Status.DONE, Status.NO_SHOW)
    # States in which the citizen may still cancel or move (before the cut-off).
    CHANGEABLE_STATES = (Status.PENDING, Status.CONFIRMED)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED, db_index=True
    )
    service = models.ForeignKey(
        BookableService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    day = models.DateField(_("day (WIB)"))
    # Seats: see the module docstring. Null when the booking holds no place.
    seat = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    slot_capacity = models.PositiveSmallIntegerField(editable=False)
    day_seat = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    day_quota = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    # Personal data: staff of the service's agency and supervisors only.
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    purpose = models.TextField(_("purpose"), max_length=1000)
    consent_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=5, default="id")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)

    approval_due = models.DateTimeField(_("approve before"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    queue_number = models.PositiveSmallIntegerField(_("queue number"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    times_moved = models.PositiveSmallIntegerField(_("times moved"), default=0)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # Services that ask citizens to confirm after the reminder: the reminder sets the deadline
    # and a single-use confirmation code (digest only); unconfirmed bookings return to the pool.
    confirm_by = models.DateTimeField(_("citizen must confirm before"), null=True, blank=True)
    confirmation_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    citizen_confirmed_at = models.DateTimeField(_("confirmed by the citizen at"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        permissions = [("export_booking", "Can export bookings")]
        indexes = [
            models.Index(fields=["service", "day"], name="appointments_service_day_idx"),
            models.Index(fields=["service", "starts_at"], name="appointments_service_start_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "starts_at", "seat"],
                condition=Q(seat__isnull=False),
                name="appointments_one_booking_per_seat",
            ),
            models.UniqueConstraint(
                fields=["service", "day", "day_seat"],
                condition=Q(day_seat__isnull=False),
                name="appointments_one_booking_per_day_seat",
            ),
            models.UniqueConstraint(
                fields=["service", "day", "queue_number"],
                condition=Q(queue_number__isnull=False),
                name="appointments_one_queue_number_per_day",
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(seat__gte=1, seat__lte=F("slot_capacity")),
                name="appointments_seat_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(day_seat__isnull=True)
                | Q(day_quota__isnull=False, day_seat__gte=1, day_seat__lte=F("day_quota")),
                name="appointments_day_seat_within_quota",
            ),
            # A booking holds a seat exactly when its status holds a place.
            models.CheckConstraint(
                condition=Q(seat__isnull=False, status__in=HOLDING_STATUSES)
                | Q(seat__isnull=True) & ~Q(status__in=HOLDING_STATUSES),
                name="appointments_seat_iff_holding",
            ),
            models.CheckConstraint(
                condition=Q(day_quota__isnull=True) | Q(day_seat__isnull=False) | Q(seat__isnull=True),
                name="appointments_quota_seat_when_holding",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="appointments_ends_after"),
            models.CheckConstraint(condition=~Q(email="") | ~Q(phone=""), name="appointments_has_contact"),
        ]

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDING_STATES

    def change_deadline(self):
        return self.service.change_deadline(self.starts_at)

    def can_be_changed_by_citizen(self, now=None) -> bool:
        return self.status in self.CHANGEABLE_STATES and (now or timezone.now()) < self.change_deadline()

    def awaits_citizen_confirmation(self, now=None) -> bool:
        """Whether the reminder asked the citizen to confirm and the deadline is still ahead."""
        return (
            self.status == self.Status.CONFIRMED
            and self.confirm_by is not None
            and self.citizen_confirmed_at is None
            and (now or timezone.now()) < self.confirm_by
        )

    def public_events(self):
        return self.events.filter(is_public=True)


class BookingEvent(AbstractCaseEvent):
    """The history of a booking: booked, approved, moved, checked in, cancelled..."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Booked")
        STATUS = "status", _("Status change")
        MOVED = "moved", _("Moved to another time")
        NOTE = "note", _("Internal note")
        REMINDER = "reminder", _("Reminder sent")
        CITIZEN_CONFIRMED = "citizen_confirmed", _("Confirmed by the citizen")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("booking event")
        verbose_name_plural = _("booking history")
