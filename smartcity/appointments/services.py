"""Operations on bookings that write several rows, each in one transaction.

Every operation that takes, moves or frees a place locks the service row first
(``select_for_update`` inside ``transaction.atomic``): bookings of one service are decided one
after another, so counting free places and taking one cannot interleave. The seat constraints on
``Booking`` are the database's second line: even a writer that skipped the lock could not
overbook. A place offered to someone on the waitlist (``waitlist``) is held: it counts as taken
here until the offer is accepted, declined or runs out. Freeing a place (cancel, decline,
expiry, release, a move away) offers it to the day's waitlist in the same transaction, under
the same lock, so nobody can take it in between.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token, token_matches
from smartcity.core.workflow import SYSTEM, TransitionNotAllowed
from smartcity.core.working_days import WIB

from .models import BookableService, Booking, BookingEvent, ServiceClosure, WaitlistEntry
from .slots import Slot
from .workflow import BOOKING_WORKFLOW

# How many free slots to suggest when the chosen one was just taken, and how far to look.
ALTERNATIVES = 5
ALTERNATIVES_SEARCH_DAYS = 14


@dataclass(frozen=True)
class SlotAvailability:
    """One slot with its capacity and the places still free."""

    start: datetime.datetime
    end: datetime.datetime
    capacity: int
    available: int


class SlotTaken(Exception):
    """The slot (or its day's quota) was full when the booking was decided.

    ``alternatives`` are the nearest free slots, for the citizen to choose from at once.
    """

    def __init__(self, alternatives: list[SlotAvailability], *, day_full: bool = False):
        super().__init__("slot taken")
        self.alternatives = alternatives
        self.day_full = day_full

    @property
    def message(self) -> str:
        if self.day_full:
            return str(_("Sorry, this day has just been fully booked. Please choose another time."))
        return str(_("Sorry, this time has just been taken. Please choose another time."))


@dataclass
class BookingResult:
    booking: Booking
    token: str


# --- Reading availability -------------------------------------------------------------------------


def availability(
    service: BookableService,
    first_day: datetime.date,
    last_day: datetime.date,
    *,
    now: datetime.datetime | None = None,
) -> list[SlotAvailability]:
    """Every bookable slot between the two days (inside the booking window) with its free places."""
    now = now or timezone.now()
    window = service.booking_window(now)
    first_day = max(first_day, window.first_day)
    last_day = min(last_day, window.last_day)
    if first_day > last_day:
        return []
    slots = [s for s in service.schedule().slots_between(first_day, last_day) if window.contains(s)]
    if not slots:
        return []
    held = _held_per_slot(service, first_day, last_day)
    per_day = _held_per_day(service, first_day, last_day) if service.daily_quota else {}
    for start, day in (
        _offer_holds(service, now)
        .filter(day__range=(first_day, last_day))
        .values_list("offered_start", "day")
    ):
        local = start.astimezone(WIB)
        held[local] = held.get(local, 0) + 1
        per_day[day] = per_day.get(day, 0) + 1
    result = []
    for slot in slots:
        free = max(service.capacity_per_slot - held.get(slot.start, 0), 0)
        if service.daily_quota is not None:
            free = min(free, max(service.daily_quota - per_day.get(slot.day, 0), 0))
        result.append(SlotAvailability(slot.start, slot.end, service.capacity_per_slot, free))
    return result


def nearest_free_slots(
    service: BookableService, around: datetime.datetime, *, count: int = ALTERNATIVES, now=None
) -> list[SlotAvailability]:
    """The free slots closest in time to ``around`` (before or after), nearest first."""
    day = around.astimezone(WIB).date()
    span = datetime.timedelta(days=ALTERNATIVES_SEARCH_DAYS)
    free = [s for s in availability(service, day - span, day + span, now=now) if s.available > 0]
    free.sort(key=lambda s: (abs((s.start - around).total_seconds()), s.start))
    return sorted(free[:count], key=lambda s: s.start)


def _held_per_slot(service, first_day, last_day) -> dict[datetime.datetime, int]:
    rows = (
        Booking.objects.holding()
        .filter(service=service, day__range=(first_day, last_day))
        .values("starts_at")
        .annotate(n=Count("pk"))
    )
    return {row["starts_at"].astimezone(WIB): row["n"] for row in rows}


def _offer_holds(service, now, *, exclude_pk=None):
    """Places held for people on the waitlist whose offer is still open."""
    holds = WaitlistEntry.objects.holding(now).filter(service=service)
    return holds.exclude(pk=exclude_pk) if exclude_pk is not None else holds


def _held_per_day(service, first_day, last_day) -> dict[datetime.date, int]:
    rows = (
        Booking.objects.holding()
        .filter(service=service, day__range=(first_day, last_day))
        .values("day")
        .annotate(n=Count("pk"))
    )
    return {row["day"]: row["n"] for row in rows}


# --- Checking a requested time --------------------------------------------------------------------


def check_slot(service: BookableService, start: datetime.datetime, now: datetime.datetime) -> Slot:
    """The slot starting at ``start``, or a ValidationError on ``start`` saying why not.

    Applies to every way in (form, API, staff, moving): past, closed day, outside the hours or
    off the slot grid, outside the booking window, service closed for booking.
    """
    if not service.is_active or not service.agency.is_active:
        raise ValidationError({"service": _("This service is not taking bookings at the moment.")})
    if timezone.is_naive(start):
        start = start.replace(tzinfo=WIB)
    if start <= now:
        raise ValidationError({"start": _("This time has already passed. Please choose a later time.")})
    schedule = service.schedule()
    local = start.astimezone(WIB)
    if schedule.is_closed_day(local.date()):
        raise ValidationError({"start": _("The service is closed on this day. Please choose another day.")})
    slot = schedule.slot_starting_at(local)
    if slot is None:
        raise ValidationError(
            {"start": _("This is not one of the service's appointment times. Please choose a listed time.")}
        )
    window = service.booking_window(now)
    if slot.day > window.last_day:
        raise ValidationError(
            {
                "start": _("Booking opens %(days)s days ahead. Please choose an earlier day.")
                % {"days": service.days_ahead}
            }
        )
    if slot.start < window.earliest:
        raise ValidationError(
            {
                "start": _(
                    "Bookings close %(hours)s hours before the appointment. Please choose a later time."
                )
                % {"hours": service.hours_before}
            }
        )
    return slot


def _take_seats(
    service: BookableService, slot: Slot, now, *, exclude_pk=None, exclude_hold_pk=None
) -> tuple[int, int | None]:
    """Free seat numbers in the slot and the day; the caller holds the service lock.

    Places held for the waitlist count as taken, except the one held for ``exclude_hold_pk``
    (the person accepting it).
    """
    others = Booking.objects.holding().filter(service=service)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    holds = _offer_holds(service, now, exclude_pk=exclude_hold_pk)
    taken = set(others.filter(starts_at=slot.start).values_list("seat", flat=True))
    held = holds.filter(offered_start=slot.start).count()
    seat = next((n for n in range(1, service.capacity_per_slot + 1) if n not in taken), None)
    if seat is None or len(taken) + held >= service.capacity_per_slot:
        raise SlotTaken([])
    day_seat = None
    if service.daily_quota is not None:
        day_taken = set(others.filter(day=slot.day).values_list("day_seat", flat=True))
        day_held = holds.filter(day=slot.day).count()
        day_seat = next((n for n in range(1, service.daily_quota + 1) if n not in day_taken), None)
        if day_seat is None or len(day_taken) + day_held >= service.daily_quota:
            raise SlotTaken([], day_full=True)
    return seat, day_seat


def _check_contact_limit(service, email: str, phone: str, now, *, exclude_pk=None) -> None:
    contact = Q()
    if email:
        contact |= Q(email__iexact=email)
    if phone:
        contact |= Q(phone=phone)
    active = Booking.objects.upcoming(now).filter(contact, service=service)
    if exclude_pk is not None:
        active = active.exclude(pk=exclude_pk)
    if active.count() >= service.max_active_per_contact:
        raise ValidationError(
            {
                "email" if email else "phone": _(
                    "You already have %(count)s upcoming booking(s) for this service, the most allowed. "
                    "Cancel one or wait until it has passed."
                )
                % {"count": service.max_active_per_contact}
            }
        )


def lock_service(service: BookableService) -> BookableService:
    """Lock the service row: every write that counts its places holds this lock first."""
    return BookableService.objects.select_related("agency").select_for_update().get(pk=service.pk)


# --- Writing --------------------------------------------------------------------------------------


def book(
    *,
    service: BookableService,
    start: datetime.datetime,
    data: dict,
    language: str = "id",
    source: str = Booking.Source.WEB,
    actor=None,
    manage_link: str = "",
    now: datetime.datetime | None = None,
    notify_citizen: bool = True,
    waitlist_entry: WaitlistEntry | None = None,
) -> BookingResult:
    """Take a place in ``service`` at ``start`` for the person in ``data``.

    ``data`` holds cleaned ``name``, ``email``, ``phone``, ``nik``, ``purpose``. Raises
    ``ValidationError`` (per field) for a time that can never be booked or a contact over its
    limit, and ``SlotTaken`` with the nearest free slots when the place is gone.
    ``notify_citizen=False`` is for demo data only (no e-mail to made-up people).
    ``waitlist_entry`` is the waitlist offer being accepted: the place held for it is its own.
    """
    now = now or timezone.now()
    email, phone = data.get("email", ""), data.get("phone", "")
    if not email and not phone:
        raise ValidationError({"email": _("Give an e-mail address or a phone number so we can reach you.")})
    try:
        with transaction.atomic():
            locked = lock_service(service)
            slot = check_slot(locked, start, now)
            _check_contact_limit(locked, email, phone, now)
            seat, day_seat = _take_seats(
                locked, slot, now, exclude_hold_pk=waitlist_entry.pk if waitlist_entry else None
            )
            token, token_hash = new_access_token()
            needs_approval = locked.requires_approval and source != Booking.Source.STAFF
            booking = Booking(
                reference=next_reference(Booking.REFERENCE_PREFIX, timezone.localtime(now, WIB).year),
                access_token_hash=token_hash,
                status=Booking.Status.PENDING if needs_approval else Booking.Status.CONFIRMED,
                agency=locked.agency,
                service=locked,
                starts_at=slot.start,
                ends_at=slot.end,
                day=slot.day,
                seat=seat,
                slot_capacity=locked.capacity_per_slot,
                day_seat=day_seat,
                day_quota=locked.daily_quota,
                name=data["name"],
                email=email,
                phone=phone,
                nik=data.get("nik", ""),
                purpose=data["purpose"],
                consent_at=now,
                language=language,
                source=source,
                approval_due=now + datetime.timedelta(hours=locked.approval_hold_hours)
                if needs_approval
                else None,
                created_at=now,
            )
            booking.full_clean(exclude=["reference", "access_token_hash", "seat", "day_seat"])
            booking.save()
            booking.events.create(
                kind=BookingEvent.Kind.CREATED,
                to_status=booking.status,
                is_public=True,
                by_citizen=source != Booking.Source.STAFF,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                created_at=now,
            )
            if notify_citizen:
                notify(
                    "appointments/email/booked",
                    [booking.email],
                    # The link ends in "#": the code and access code follow it (never sent to servers).
                    {
                        **booking_context(booking),
                        "link": f"{manage_link}{booking.reference}.{token}" if manage_link else "",
                    },
                    language,
                    phones=[booking.phone],
                )
    except SlotTaken as taken:
        raise SlotTaken(nearest_free_slots(service, start, now=now), day_full=taken.day_full) from None
    return BookingResult(booking, token)


def move(
    booking: Booking, start: datetime.datetime, actor, *, now: datetime.datetime | None = None
) -> BookingEvent:
    """Move ``booking`` to the slot at ``start``; one row changes, so it is never counted twice.

    The citizen may move until the service's cut-off; staff at any time before the appointment.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            service = lock_service(booking.service)
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.status not in Booking.CHANGEABLE_STATES:
                raise ValidationError(_("This booking can no longer be moved."))
            if getattr(actor, "is_citizen", False):
                _check_citizen_may_change(locked, now)
            elif not BOOKING_WORKFLOW.can(locked, actor, "cancel"):
                raise ValidationError(_("You may not move this booking."))
            slot = check_slot(service, start, now)
            if slot.start == locked.starts_at:
                raise ValidationError({"start": _("This is already the time of your booking.")})
            seat, day_seat = _take_seats(service, slot, now, exclude_pk=locked.pk)
            old_start, old_day = locked.starts_at, locked.day
            Booking.objects.filter(pk=locked.pk).update(
                starts_at=slot.start,
                ends_at=slot.end,
                day=slot.day,
                seat=seat,
                day_seat=day_seat,
                slot_capacity=service.capacity_per_slot,
                day_quota=service.daily_quota,
                times_moved=locked.times_moved + 1,
                updated_at=now,
            )
            event = locked.events.create(
                kind=BookingEvent.Kind.MOVED,
                note=_("From %(old)s to %(new)s") % {"old": _format(old_start), "new": _format(slot.start)},
                is_public=True,
                by_citizen=getattr(actor, "is_citizen", False),
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                created_at=now,
            )
            booking.refresh_from_db()
            notify(
                "appointments/email/moved",
                [booking.email],
                {**booking_context(booking), "old_start": _format(old_start)},
                booking.language,
                phones=[booking.phone],
            )
            _offer_freed_places(service, old_day, now)
    except SlotTaken as taken:
        raise SlotTaken(
            nearest_free_slots(booking.service, start, now=now), day_full=taken.day_full
        ) from None
    return event


def _check_citizen_may_change(booking: Booking, now=None) -> None:
    if booking.status in Booking.CHANGEABLE_STATES and not booking.can_be_changed_by_citizen(now):
        raise ValidationError(
            _("Bookings can be moved or cancelled until %(hours)s hours before the appointment.")
            % {"hours": booking.service.change_cutoff_hours}
        )


def _offer_freed_places(service: BookableService, day: datetime.date, now=None) -> None:
    """Offer the free places of ``day`` to its waitlist; the caller holds the service lock."""
    from . import waitlist

    waitlist.offer_free_places(service, day, now=now)


def _free_place(booking: Booking, transition: str, actor, *, now=None, **options) -> BookingEvent:
    """Apply a transition that gives the place back, and offer it to the day's waitlist, in one
    transaction under the service lock (taken before the booking's row lock, as ``book`` does)."""
    with transaction.atomic():
        service = lock_service(booking.service)
        event = BOOKING_WORKFLOW.apply(booking, transition, actor, **options)
        _offer_freed_places(service, booking.day, now)
    return event


def cancel(booking: Booking, actor, *, note: str = "", now: datetime.datetime | None = None) -> BookingEvent:
    """Cancel ``booking``: its place is free for others (first the day's waitlist) when this commits."""
    if getattr(actor, "is_citizen", False):
        _check_citizen_may_change(booking)
    event = _free_place(booking, "cancel", actor, now=now, note=note, is_public=True)
    notify(
        "appointments/email/cancelled",
        [booking.email],
        booking_context(booking),
        booking.language,
        phones=[booking.phone],
    )
    return event


def decline(booking: Booking, actor, reason: str, *, now: datetime.datetime | None = None) -> BookingEvent:
    """Staff decline a booking that needed approval; the reason goes to the citizen."""
    event = _free_place(booking, "decline", actor, now=now, note=reason, is_public=True)
    notify(
        "appointments/email/declined",
        [booking.email],
        {**booking_context(booking), "reason": reason.strip()},
        booking.language,
        phones=[booking.phone],
    )
    return event


def approve(booking: Booking, actor, note: str = "") -> BookingEvent:
    event = BOOKING_WORKFLOW.apply(booking, "approve", actor, note=note)
    notify(
        "appointments/email/approved",
        [booking.email],
        booking_context(booking),
        booking.language,
        phones=[booking.phone],
    )
    return event


@dataclass
class ClosureResult:
    closure: ServiceClosure
    cancelled: list[Booking]


def close_period(
    service: BookableService,
    day: datetime.date,
    *,
    reason: str,
    actor,
    since: datetime.time | None = None,
    until: datetime.time | None = None,
    now: datetime.datetime | None = None,
) -> ClosureResult:
    """Close ``service`` for a whole day, or from ``since`` to ``until`` on that day (blocked
    slots), and cancel every booking that still holds a place in it.

    The closure is a one-off ``ServiceClosure`` row, so from the commit on no slot there is
    offered or accepted. Each cancelled booking gets a history row (staff ``actor``, the reason)
    and its citizen exactly one notice by e-mail and text message. Arrived or finished bookings
    are the record of what happened and stay as they are.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give a reason: it is sent to every citizen booked.")})
    if (since is None) != (until is None):
        raise ValidationError({"until": _("Give both the start and the end of the period, or neither.")})
    if since is not None and until <= since:
        raise ValidationError({"until": _("The end must be after the start.")})
    if day < now.astimezone(WIB).date():
        raise ValidationError({"day": _("This day has already passed.")})
    with transaction.atomic():
        locked = lock_service(service)
        closure = ServiceClosure(service=locked, date=day, starts_at=since, ends_at=until, reason=reason)
        closure.full_clean()
        closure.save()
        affected = Booking.objects.filter(service=locked, day=day, status__in=Booking.CHANGEABLE_STATES)
        if since is not None:
            period_start, period_end = closure.period()
            affected = affected.filter(starts_at__lt=period_end, ends_at__gt=period_start)
        cancelled = []
        for booking in affected.select_related("service__agency").order_by("starts_at", "pk"):
            BOOKING_WORKFLOW.apply(booking, "cancel", actor, note=reason, is_public=True)
            notify(
                "appointments/email/closed",
                [booking.email],
                {**booking_context(booking), "reason": reason},
                booking.language,
                phones=[booking.phone],
            )
            cancelled.append(booking)
        if since is None:
            # Nobody will be offered a place on a closed day: its waitlist ends, each told once.
            from . import waitlist

            waitlist.close_day(locked, day, reason=reason, actor=actor)
    return ClosureResult(closure, cancelled)


def expire_unapproved(now: datetime.datetime | None = None) -> int:
    """Return to the pool every booking nobody approved before its approval deadline (the freed
    places go to the waitlist first)."""

    now = now or timezone.now()
    expired = 0
    for booking in Booking.objects.filter(status=Booking.Status.PENDING, approval_due__lt=now).select_related(
        "service__agency"
    ):
        try:
            _free_place(booking, "expire", SYSTEM, now=now, is_public=True)
        except TransitionNotAllowed:  # approved or cancelled meanwhile
            continue
        notify(
            "appointments/email/expired",
            [booking.email],
            booking_context(booking),
            booking.language,
            phones=[booking.phone],
        )
        expired += 1
    return expired


# The least time a citizen gets to confirm after the reminder; closer to the deadline, the
# reminder asks nothing (a booking is never released for a request the citizen could not answer).
MIN_TIME_TO_CONFIRM = datetime.timedelta(hours=1)


def send_reminders(now: datetime.datetime | None = None) -> int:
    """E-mail and text a reminder, once, to everyone whose appointment is tomorrow (WIB).

    Each booking is claimed with a conditional update, so two runs at once never remind twice.
    Where the service asks for it, the reminder of a confirmed booking carries a single-use link
    to confirm attendance before ``confirm_by``; ``release_unconfirmed`` frees the place after.
    """
    now = now or timezone.now()
    tomorrow = now.astimezone(WIB).date() + datetime.timedelta(days=1)
    sent = 0
    due = Booking.objects.filter(
        day=tomorrow, status__in=Booking.CHANGEABLE_STATES, reminded_at__isnull=True
    ).select_related("service__agency")
    for booking in due:
        service = booking.service
        confirm_by, token, token_hash, link = None, "", "", ""
        if service.requires_citizen_confirmation and booking.status == Booking.Status.CONFIRMED:
            deadline = booking.starts_at - datetime.timedelta(hours=service.confirmation_deadline_hours)
            link = public_url(booking.language, "confirm")
            if deadline >= now + MIN_TIME_TO_CONFIRM and link:
                token, token_hash = new_access_token()
                confirm_by, link = deadline, f"{link}#{booking.reference}.{token}"
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now, confirm_by=confirm_by, confirmation_token_hash=token_hash
            )
            if not claimed:
                continue
            booking.events.create(kind=BookingEvent.Kind.REMINDER, is_public=True, created_at=now)
            context = booking_context(booking)
            if confirm_by:
                context |= {"confirm_link": link, "confirm_by": _format(confirm_by)}
            notify(
                "appointments/email/reminder",
                [booking.email],
                context,
                booking.language,
                phones=[booking.phone],
            )
        sent += 1
    return sent


def public_url(language: str, route: str, **kwargs) -> str:
    """The absolute address of a route of the e-appointment page in ``language`` (else any live
    one), for links in e-mails sent in the background; "" when there is no live page."""
    from .models import AppointmentPage

    pages = AppointmentPage.objects.live().select_related("locale")
    page = pages.filter(locale__language_code=language).first() or pages.first()
    base = page.get_full_url() if page is not None else None
    if not base:
        return ""
    return base.rstrip("/") + "/" + page.reverse_subpage(route, kwargs=kwargs).lstrip("/")


def confirm_attendance(booking: Booking, token: str, *, now: datetime.datetime | None = None) -> bool:
    """The citizen confirms they will come, with the reminder's single-use code, before the
    deadline. True when this confirmed it; False when it was confirmed already (nothing changes).
    Raises ``ValidationError`` for a wrong code or when the time to confirm has passed."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if not locked.confirmation_token_hash or not token_matches(token, locked.confirmation_token_hash):
            raise ValidationError(_("This confirmation link is not valid."))
        if locked.citizen_confirmed_at is not None:
            return False
        if locked.status != Booking.Status.CONFIRMED or now >= locked.confirm_by:
            raise ValidationError(
                _("The time to confirm this appointment has passed, and its place has been given back.")
            )
        Booking.objects.filter(pk=locked.pk).update(citizen_confirmed_at=now, updated_at=now)
        locked.events.create(
            kind=BookingEvent.Kind.CITIZEN_CONFIRMED, is_public=True, by_citizen=True, created_at=now
        )
    booking.refresh_from_db()
    return True


def release_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Return to the pool every booking whose citizen did not confirm by ``confirm_by`` (a SYSTEM
    transition with its history); the freed places go to the waitlist first."""
    now = now or timezone.now()
    released = 0
    due = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, confirm_by__lte=now, citizen_confirmed_at__isnull=True
    ).select_related("service__agency")
    for booking in due:
        try:
            _free_place(
                booking,
                "release",
                SYSTEM,
                now=now,
                note=str(_("Not confirmed by the citizen in time.")),
                is_public=True,
            )
        except TransitionNotAllowed:  # cancelled or checked in meanwhile
            continue
        notify(
            "appointments/email/released",
            [booking.email],
            booking_context(booking),
            booking.language,
            phones=[booking.phone],
        )
        released += 1
    return released


def _format(moment: datetime.datetime) -> str:
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


def booking_context(booking: Booking) -> dict:
    """What e-mails about a booking may say (JSON-serialisable, no personal data but the name)."""
    service = booking.service
    return {
        "reference": booking.reference,
        "name": booking.name,
        "service": service.name,
        "agency": service.agency.name,
        "start": _format(booking.starts_at),
        "location": service.location,
        "directions": service.directions,
        "what_to_bring": service.what_to_bring_items(),
        "status": str(booking.get_status_display()),
    }


# --- Public summaries -----------------------------------------------------------------------------


def next_free_slot(service: BookableService, *, now=None) -> SlotAvailability | None:
    """The earliest slot with a free place inside the booking window."""
    now = now or timezone.now()
    window = service.booking_window(now)
    for slot in availability(service, window.first_day, window.last_day, now=now):
        if slot.available > 0:
            return slot
    return None


def typical_wait_days(service: BookableService, *, sample: int = 200) -> int | None:
    """The median number of days between booking and appointment over recent bookings."""
    rows = list(
        Booking.objects.filter(service=service)
        .exclude(source=Booking.Source.STAFF)
        .order_by("-created_at")
        .values_list("created_at", "day")[:sample]
    )
    if not rows:
        return None
    waits = sorted((day - created.astimezone(WIB).date()).days for created, day in rows)
    return waits[len(waits) // 2]


def ics_calendar(booking: Booking, *, url: str = "") -> bytes:
    """The appointment as an iCalendar file (RFC 5545) for the citizen's calendar app."""
    import icalendar

    service = booking.service
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pemerintah Kota Binjai//Janji Temu//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{booking.reference}@janji-temu")
    event.add("dtstamp", timezone.now())
    # A named zone with its VTIMEZONE, so every calendar app shows the time in WIB.
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    event.add("dtstart", booking.starts_at.astimezone(jakarta))
    event.add("dtend", booking.ends_at.astimezone(jakarta))
    event.add("summary", f"{service.name} ({booking.reference})")
    event.add("location", service.location)
    lines = [str(_("Booking code")) + f": {booking.reference}"]
    if service.directions:
        lines.append(service.directions)
    if service.what_to_bring_items():
        lines.append(str(_("What to bring")) + ":")
        lines += [f"- {item}" for item in service.what_to_bring_items()]
    event.add("description", "\n".join(lines))
    if url:
        event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
