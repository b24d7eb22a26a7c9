"""The waitlist (daftar tunggu) of a full service day.

On a day with no free place a citizen may put their name down. When a place on that day frees
up, the first person waiting is offered it: the place is held for them for the service's
``waitlist_hold_minutes`` (counted as taken by every booking path meanwhile) and they accept it
through a private link, which books it, or decline it; an offer not taken in time lapses and the
place goes to the next person. Entries are cases (``smartcity.core``): reference ``DT-YYYY-NNNNNN``,
an access code, a status moved only by ``workflow.WAITLIST_WORKFLOW``, and a history.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCase, AbstractCaseEvent

from .booking import Booking
from .service import BookableService

ACTIVE_WAITLIST_STATUSES = ("waiting", "offered")


class WaitlistQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=WaitlistEntry.ACTIVE_STATES)

    def holding(self, now=None):
        """Offers whose hold is still running: their places count as taken."""
        return self.filter(status=WaitlistEntry.Status.OFFERED, hold_until__gt=now or timezone.now())


class WaitlistEntry(AbstractCase):
    """A citizen waiting for a place on one full day of a bookable service."""

    REFERENCE_PREFIX = "DT"

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Place offered")
        ACCEPTED = "accepted", _("Place accepted")
        DECLINED = "declined", _("Offer declined")
        LAPSED = "lapsed", _("Offer not taken in time")
        LEFT = "left", _("Left the list")
        CLOSED = "closed", _("Closed (the day has passed)")

    ACTIVE_STATES = (Status.WAITING, Status.OFFERED)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    service = models.ForeignKey(
        BookableService, verbose_name=_("service"), on_delete=models.PROTECT, related_name="waitlist"
    )
    day = models.DateField(_("day (WIB)"))

    # Personal data: staff of the service's agency and supervisors only.
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    purpose = models.TextField(_("purpose"), max_length=1000)
    consent_at = models.DateTimeField(_("consent given at"))
    language = models.CharField(_("language"), max_length=5, default="id")

    # The place on offer while ``offered``: its slot and until when it is held.
    offered_start = models.DateTimeField(_("place offered at"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offer made at"), null=True, blank=True)
    hold_until = models.DateTimeField(_("held until"), null=True, blank=True)
    booking = models.ForeignKey(
        Booking,
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = WaitlistQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist")
        indexes = [models.Index(fields=["service", "day", "status"], name="appointments_waitlist_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="appointments_waitlist_contact"
            ),
            # An offer always says which place and until when.
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offered_start__isnull=False, hold_until__isnull=False),
                name="appointments_waitlist_offer_held",
            ),
            # One place on a day's list per e-mail address and per phone number.
            models.UniqueConstraint(
                fields=["service", "day", "email"],
                condition=Q(status__in=ACTIVE_WAITLIST_STATUSES) & ~Q(email=""),
                name="appointments_waitlist_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["service", "day", "phone"],
                condition=Q(status__in=ACTIVE_WAITLIST_STATUSES) & ~Q(phone=""),
                name="appointments_waitlist_one_per_phone",
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATES

    def offer_open(self, now=None) -> bool:
        return self.status == self.Status.OFFERED and (now or timezone.now()) < self.hold_until

    def position(self) -> int | None:
        """1 for the first person waiting; None once the entry no longer waits."""
        if self.status != self.Status.WAITING:
            return None
        ahead = WaitlistEntry.objects.filter(
            service_id=self.service_id, day=self.day, status=self.Status.WAITING
        ).filter(Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk))
        return ahead.count() + 1


class WaitlistEvent(AbstractCaseEvent):
    """The history of a waitlist entry: joined, offered, accepted, declined, lapsed, left."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Joined the waitlist")
        STATUS = "status", _("Status change")
        NOTE = "note", _("Internal note")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    case = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("waitlist event")
        verbose_name_plural = _("waitlist history")
