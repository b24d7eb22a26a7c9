"""Bookable services: an official's office hours or a service counter, with its rules.

Staff edit them in the admin: where and when the service is open, how long a slot lasts and how
many people it takes, the daily quota, the booking window and cut-offs, and whether a booking
needs approval. All times are Asia/Jakarta (WIB).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from smartcity.core.models import Agency
from smartcity.core.working_days import WIB, is_day_off

from ..slots import BookingWindow, Schedule


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class BookableServiceQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(is_active=True, agency__is_active=True)


class BookableService(index.Indexed, ClusterableModel):
    """Something a citizen can book a time for, e.g. "Perekaman KTP-el (Disdukcapil)"."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="bookable_services"
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    location = models.CharField(_("location"), max_length=255, help_text=_("Building, room, address."))
    directions = models.TextField(_("directions"), max_length=1000, blank=True)
    what_to_bring = models.TextField(
        _("what to bring"), max_length=1000, blank=True, help_text=_("One item per line.")
    )
    purpose_options = models.TextField(
        _("purposes to choose from"),
        max_length=2000,
        blank=True,
        help_text=_("One per line. Leave empty to let citizens describe their purpose freely."),
    )
    purpose_help = models.CharField(
        _("purpose hint"),
        max_length=255,
        blank=True,
        help_text=_("Shown under the purpose field, e.g. what the official needs to know beforehand."),
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    capacity_per_slot = models.PositiveSmallIntegerField(_("people per slot"), default=1)
    daily_quota = models.PositiveSmallIntegerField(
        _("daily quota"), null=True, blank=True, help_text=_("Leave empty for no limit besides the slots.")
    )
    days_ahead = models.PositiveSmallIntegerField(_("booking opens (days ahead)"), default=30)
    hours_before = models.PositiveSmallIntegerField(
        _("booking closes (hours before)"), default=2, help_text=_("No booking closer to the start.")
    )
    change_cutoff_hours = models.PositiveSmallIntegerField(
        _("moving or cancelling possible until (hours before)"), default=24
    )
    max_active_per_contact = models.PositiveSmallIntegerField(
        _("active bookings per contact"), default=1, help_text=_("Per e-mail address and per phone number.")
    )
    requires_approval = models.BooleanField(
        _("needs approval by staff"),
        default=False,
        help_text=_("Otherwise a booking is confirmed at once."),
    )
    approval_hold_hours = models.PositiveSmallIntegerField(
        _("unapproved bookings return to the pool after (hours)"), default=48
    )
    waitlist_hold_minutes = models.PositiveSmallIntegerField(
        _("a place offered from the waitlist is held for (minutes)"),
        default=120,
        help_text=_(
            "When a place frees up on a full day, the first person on the list may take it "
            "within this time; then it passes to the next."
        ),
    )
    requires_citizen_confirmation = models.BooleanField(
        _("citizens confirm after the reminder"),
        default=False,
        help_text=_(
            "The reminder the day before asks the citizen to confirm; bookings not confirmed "
            "in time return to the pool."
        ),
    )
    confirmation_deadline_hours = models.PositiveSmallIntegerField(
        _("confirm until (hours before the appointment)"), default=3
    )
    is_active = models.BooleanField(_("open for booking"), default=True)

    objects = BookableServiceQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("agency"), FieldPanel("description")],
            heading=_("Service"),
        ),
        MultiFieldPanel(
            [FieldPanel("location"), FieldPanel("directions"), FieldPanel("what_to_bring")],
            heading=_("Where and what to bring"),
        ),
        MultiFieldPanel([FieldPanel("purpose_options"), FieldPanel("purpose_help")], heading=_("Purpose")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("capacity_per_slot")]),
                FieldPanel("daily_quota"),
                FieldRowPanel([FieldPanel("days_ahead"), FieldPanel("hours_before")]),
                FieldPanel("change_cutoff_hours"),
                FieldPanel("max_active_per_contact"),
                FieldRowPanel([FieldPanel("requires_approval"), FieldPanel("approval_hold_hours")]),
                FieldRowPanel(
                    [FieldPanel("requires_citizen_confirmation"), FieldPanel("confirmation_deadline_hours")]
                ),
                FieldPanel("waitlist_hold_minutes"),
                FieldPanel("is_active"),
            ],
            heading=_("Rules"),
        ),
        InlinePanel("opening_hours", heading=_("Weekly opening hours"), label=_("opening range")),
        InlinePanel("closures", heading=_("Closures"), label=_("closure")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("agency"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("bookable service")
        verbose_name_plural = _("bookable services")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=480), name="appointments_slot_length"
            ),
            models.CheckConstraint(condition=Q(capacity_per_slot__gte=1), name="appointments_capacity_min"),
            models.CheckConstraint(
                condition=Q(daily_quota__isnull=True) | Q(daily_quota__gte=1), name="appointments_quota_min"
            ),
            models.CheckConstraint(condition=Q(days_ahead__gte=1), name="appointments_days_ahead_min"),
            models.CheckConstraint(
                condition=Q(max_active_per_contact__gte=1), name="appointments_contact_limit_min"
            ),
            models.CheckConstraint(
                condition=Q(waitlist_hold_minutes__gte=5), name="appointments_waitlist_hold_min"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # --- Schedule -------------------------------------------------------------------------------

    def purpose_choices(self) -> list[str]:
        return [line.strip() for line in self.purpose_options.splitlines() if line.strip()]

    def what_to_bring_items(self) -> list[str]:
        return [line.strip() for line in self.what_to_bring.splitlines() if line.strip()]

    def schedule(self) -> Schedule:
        """The service's weekly hours and closures for slot generation (two queries)."""
        weekly: dict[int, list] = {}
        for hours in self.opening_hours.all():
            weekly.setdefault(hours.weekday, []).append((hours.opens_at, hours.closes_at))
        closed_days = set()
        blocked = []
        for closure in self.closures.all():
            if closure.is_whole_day:
                closed_days.add(closure.date)
            else:
                blocked.append(closure.period())
        return Schedule(
            slot_minutes=self.slot_minutes,
            weekly_hours=weekly,
            is_closed_day=lambda day: day in closed_days or is_day_off(day),
            blocked=tuple(blocked),
        )

    def booking_window(self, now: datetime.datetime | None = None) -> BookingWindow:
        return BookingWindow.at(
            now or timezone.now(), days_ahead=self.days_ahead, hours_before=self.hours_before
        )

    def change_deadline(self, starts_at: datetime.datetime) -> datetime.datetime:
        """Until when a booking starting at ``starts_at`` may be moved or cancelled by the citizen."""
        return starts_at - datetime.timedelta(hours=self.change_cutoff_hours)


class OpeningHours(Orderable):
    """One opening range on one weekday; several per day leave breaks between them."""

    service = ParentalKey(BookableService, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening range")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="appointments_hours_close_after_open"
            ),
            models.CheckConstraint(condition=Q(weekday__gte=0, weekday__lte=6), name="appointments_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ServiceClosure(models.Model):
    """A one-off closure: a whole day, or a period of it (blocked slots), with the reason.

    National holidays, cuti bersama and the city's days off (core calendar) close every service
    without a row here.
    """

    service = ParentalKey(BookableService, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"), null=True, blank=True, help_text=_("Empty: the whole day."))
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__isnull=False, ends_at__gt=F("starts_at")),
                name="appointments_closure_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"

    def covered_bookings(self):
        """Bookings holding a place inside this closure (they would need cancelling and a notice)."""
        from .booking import Booking

        covered = Booking.objects.holding().filter(service_id=self.service_id, day=self.date)
        if not self.is_whole_day:
            start, end = self.period()
            covered = covered.filter(starts_at__lt=end, ends_at__gt=start)
        return covered

    @property
    def is_whole_day(self) -> bool:
        return self.starts_at is None

    def period(self) -> tuple[datetime.datetime, datetime.datetime]:
        return (
            datetime.datetime.combine(self.date, self.starts_at, tzinfo=WIB),
            datetime.datetime.combine(self.date, self.ends_at, tzinfo=WIB),
        )
