"""Waitlist operations (daftar tunggu), each in one transaction under the service's row lock.

The lock is the same one every booking takes (``services.lock_service``), so joining, offering,
accepting and booking are decided one after another per service: a freed place goes either to a
citizen who books it or to the first person waiting, never to both. An offer holds its place
(``WaitlistEntry.objects.holding()``, counted as taken by ``services``) until it is accepted,
declined or its ``hold_until`` passes; accepting books the place through ``services.book``, the
same capacity-checked code every booking goes through.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token
from smartcity.core.workflow import CITIZEN, SYSTEM, TransitionNotAllowed
from smartcity.core.working_days import WIB

from . import services
from .models import BookableService, WaitlistEntry, WaitlistEvent
from .workflow import WAITLIST_WORKFLOW

# An offer shorter than this is not worth making: the place stays free for anyone to book.
MIN_HOLD = datetime.timedelta(minutes=5)


@dataclass
class JoinResult:
    entry: WaitlistEntry
    token: str


def day_is_full(service: BookableService, day: datetime.date, *, now=None) -> bool:
    """Whether ``day`` is a bookable day of ``service`` (inside the window, with slots) on which
    no place is free: the days on which the waitlist is open."""
    slots = services.availability(service, day, day, now=now)
    return bool(slots) and not any(slot.available for slot in slots)


def join(
    *,
    service: BookableService,
    day: datetime.date,
    data: dict,
    language: str = "id",
    link: str = "",
    now: datetime.datetime | None = None,
    notify_citizen: bool = True,
) -> JoinResult:
    """Put the person in ``data`` (cleaned ``name``, ``email``, ``phone``, ``purpose``) on the
    waitlist of ``day``. ValidationError (per field) when the day is not full or not bookable, or
    the contact is already on that day's list. ``notify_citizen=False`` is for demo data only."""
    now = now or timezone.now()
    email, phone = data.get("email", ""), data.get("phone", "")
    if not email and not phone:
        raise ValidationError({"email": _("Give an e-mail address or a phone number so we can reach you.")})
    with transaction.atomic():
        locked = services.lock_service(service)
        if not locked.is_active or not locked.agency.is_active:
            raise ValidationError({"day": _("This service is not taking bookings at the moment.")})
        if not services.availability(locked, day, day, now=now):
            raise ValidationError({"day": _("There are no appointments to wait for on this day.")})
        if not day_is_full(locked, day, now=now):
            raise ValidationError({"day": _("There are still free times on this day: please book one.")})
        contact = Q(email__iexact=email) if email else Q()
        if phone:
            contact |= Q(phone=phone)
        if WaitlistEntry.objects.active().filter(contact, service=locked, day=day).exists():
            raise ValidationError(
                {"email" if email else "phone": _("You are already on the waitlist for this day.")}
            )
        token, token_hash = new_access_token()
        entry = WaitlistEntry.objects.create(
            reference=next_reference(WaitlistEntry.REFERENCE_PREFIX, now.astimezone(WIB).year),
            access_token_hash=token_hash,
            agency=locked.agency,
            service=locked,
            day=day,
            name=data["name"],
            email=email,
            phone=phone,
            purpose=data["purpose"],
            consent_at=now,
            language=language,
            created_at=now,
        )
        entry.events.create(
            kind=WaitlistEvent.Kind.CREATED,
            to_status=entry.status,
            is_public=True,
            by_citizen=True,
            created_at=now,
        )
        if notify_citizen:
            notify(
                "appointments/email/waitlist_joined",
                [email],
                {**entry_context(entry), "link": f"{link}#{entry.reference}.{token}" if link else ""},
                language,
                phones=[phone],
            )
    return JoinResult(entry, token)


def offer_free_places(
    service: BookableService, day: datetime.date, *, now=None, notify_citizen: bool = True
) -> list[WaitlistEntry]:
    """Offer each free place of ``day`` to the next person waiting, in the order they joined.

    Called under the service lock by everything that frees a place, and by the periodic job.
    ``notify_citizen=False`` is for demo data only.
    """
    now = now or timezone.now()
    offered = []
    with transaction.atomic():
        locked = services.lock_service(service)
        if not locked.is_active or not locked.agency.is_active:
            return offered
        waiting = list(
            WaitlistEntry.objects.filter(service=locked, day=day, status=WaitlistEntry.Status.WAITING)
        )
        for entry in waiting:
            free = next((s for s in services.availability(locked, day, day, now=now) if s.available), None)
            if free is None:
                break
            # Accepting books through the normal checks, so the hold ends when booking closes.
            closes = free.start - datetime.timedelta(hours=locked.hours_before)
            hold_until = min(now + datetime.timedelta(minutes=locked.waitlist_hold_minutes), closes)
            if hold_until - now < MIN_HOLD:
                break
            token, token_hash = new_access_token()
            try:
                WAITLIST_WORKFLOW.apply(
                    entry,
                    "offer",
                    SYSTEM,
                    start=free.start,
                    now=now,
                    hold_until=hold_until,
                    token_hash=token_hash,
                )
            except TransitionNotAllowed:  # left the list meanwhile
                continue
            offered.append(entry)
            if not notify_citizen:
                continue
            link = services.public_url(entry.language, "waitlist_open")
            notify(
                "appointments/email/waitlist_offer",
                [entry.email],
                {
                    **entry_context(entry),
                    "start": services._format(free.start),
                    "hold_until": services._format(hold_until),
                    "link": f"{link}#{entry.reference}.{token}" if link else "",
                },
                entry.language,
                phones=[entry.phone],
            )
    return offered


def accept(
    entry: WaitlistEntry, *, manage_link: str = "", now: datetime.datetime | None = None
) -> services.BookingResult:
    """The citizen takes the place offered: it is booked (``services.book``, with the entry's hold
    as its own) and the entry marked accepted, in one transaction. ValidationError when the offer
    is no longer open (accepted already, declined, or the hold ran out)."""
    now = now or timezone.now()
    with transaction.atomic():
        service = services.lock_service(entry.service)
        locked = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        _check_offer_open(locked, now)
        result = services.book(
            service=service,
            start=locked.offered_start,
            data={
                "name": locked.name,
                "email": locked.email,
                "phone": locked.phone,
                "purpose": locked.purpose,
            },
            language=locked.language,
            manage_link=manage_link,
            now=now,
            waitlist_entry=locked,
        )
        WAITLIST_WORKFLOW.apply(locked, "accept", CITIZEN, booking=result.booking)
    entry.refresh_from_db()
    return result


def decline(entry: WaitlistEntry, *, now: datetime.datetime | None = None) -> None:
    """The citizen does not want the place: it goes to the next person waiting at once."""
    now = now or timezone.now()
    with transaction.atomic():
        service = services.lock_service(entry.service)
        locked = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        _check_offer_open(locked, now)
        WAITLIST_WORKFLOW.apply(locked, "decline", CITIZEN, is_public=True)
        offer_free_places(service, locked.day, now=now)
    entry.refresh_from_db()


def leave(entry: WaitlistEntry, actor=CITIZEN) -> None:
    """Take the entry off the list (the citizen, or staff of the agency)."""
    WAITLIST_WORKFLOW.apply(entry, "leave", actor, is_public=True)


def close_day(service: BookableService, day: datetime.date, *, reason: str, actor) -> int:
    """The service closes ``day`` (``services.close_period``, which holds the service lock): everyone
    still waiting leaves the list, with the reason in the history, and is told once. An open offer
    keeps its hold until it lapses; accepting it is refused like any booking on a closed day."""
    closed = 0
    for entry in WaitlistEntry.objects.filter(service=service, day=day, status=WaitlistEntry.Status.WAITING):
        WAITLIST_WORKFLOW.apply(entry, "leave", actor, note=reason, is_public=True)
        notify(
            "appointments/email/waitlist_closed",
            [entry.email],
            {**entry_context(entry), "reason": reason},
            entry.language,
            phones=[entry.phone],
        )
        closed += 1
    return closed


def _check_offer_open(entry: WaitlistEntry, now) -> None:
    if entry.status != WaitlistEntry.Status.OFFERED:
        raise ValidationError(_("This offer is no longer open."))
    if now >= entry.hold_until:
        raise ValidationError(_("The time to accept this offer has passed."))


def expire_holds(now: datetime.datetime | None = None) -> int:
    """The periodic job: lapse offers whose hold ran out (the place passes to the next person),
    close the lists of days that have passed, and offer any free place of a day with people
    waiting (places freed by staff changes too). Returns the number of lapsed offers."""
    now = now or timezone.now()
    lapsed = 0
    for entry in WaitlistEntry.objects.filter(status=WaitlistEntry.Status.OFFERED, hold_until__lte=now):
        with transaction.atomic():
            service = services.lock_service(entry.service)
            try:
                WAITLIST_WORKFLOW.apply(entry, "lapse", SYSTEM, is_public=True)
            except TransitionNotAllowed:  # accepted or declined meanwhile
                continue
            notify(
                "appointments/email/waitlist_lapsed",
                [entry.email],
                entry_context(entry),
                entry.language,
                phones=[entry.phone],
            )
            offer_free_places(service, entry.day, now=now)
        lapsed += 1
    today = now.astimezone(WIB).date()
    for entry in WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING, day__lt=today):
        try:
            WAITLIST_WORKFLOW.apply(entry, "close", SYSTEM, is_public=True)
        except TransitionNotAllowed:
            continue
    waiting_days = (
        WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING, day__gte=today)
        .values_list("service_id", "day")
        .distinct()
    )
    for service_id, day in waiting_days:
        offer_free_places(BookableService.objects.get(pk=service_id), day, now=now)
    return lapsed


def entry_context(entry: WaitlistEntry) -> dict:
    """What e-mails about a waitlist entry may say (JSON-serialisable)."""
    service = entry.service
    return {
        "reference": entry.reference,
        "name": entry.name,
        "service": service.name,
        "agency": service.agency.name,
        "day": entry.day.strftime("%d-%m-%Y"),
        "location": service.location,
    }
