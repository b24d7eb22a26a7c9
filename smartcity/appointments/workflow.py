"""The booking's states and who may move it between them.

    pending ─approve─▶ confirmed ─check_in─▶ checked_in ─complete─▶ done
       │  └─decline─▶ declined    ├─no_show─▶ no_show
       ├─expire─▶ expired (nobody approved in time; the site itself)
       │              ├─release─▶ expired (the citizen did not confirm after the reminder)
       └──────────────┴─cancel─▶ cancelled (citizen until the cut-off, or staff)

* Staff of the service's agency and case supervisors: approve, decline (reason sent to the
  citizen), check in (queue number), complete, no-show, cancel.
* The citizen (holder of the access token): cancel until the service's cut-off.
* The site (``SYSTEM``): expire bookings nobody approved in time, and release bookings the
  citizen did not confirm in time (services that ask for it).

Leaving the holding states (cancel, decline, expire, release) gives the seats back in the same row
update, so the place is free the moment the transition commits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.access import is_case_supervisor, works_for
from smartcity.core.workflow import Transition, TransitionNotAllowed, Workflow

from .models import Booking, WaitlistEntry

S = Booking.Status


def agency_staff(user, booking) -> bool:
    return is_case_supervisor(user) or works_for(user, booking.agency_id)


def _staff_or_citizen_before_cutoff(user, booking) -> bool:
    if getattr(user, "is_citizen", False):
        return booking.can_be_changed_by_citizen()
    return agency_staff(user, booking)


def _system(user, booking) -> bool:
    return getattr(user, "is_system", False)


def _release_place(booking, options) -> None:
    booking.seat = None
    booking.day_seat = None


def _on_cancel(booking, options) -> None:
    _release_place(booking, options)
    booking.cancelled_at = timezone.now()


def _on_decline(booking, options) -> None:
    _release_place(booking, options)
    booking.decline_reason = options.get("note", "").strip()


def _on_approve(booking, options) -> None:
    booking.approval_due = None


def _on_check_in(booking, options) -> None:
    # The service row is locked already (``lock_before``): two desks checking people in at once
    # never hand out the same queue number.
    last = Booking.objects.filter(service_id=booking.service_id, day=booking.day).aggregate(
        last=Max("queue_number")
    )["last"]
    booking.queue_number = (last or 0) + 1
    booking.checked_in_at = timezone.now()


def _on_expire(booking, options) -> None:
    _release_place(booking, options)


def _on_release(booking, options) -> None:
    # The citizen may have confirmed between the job's query and this row lock.
    if booking.citizen_confirmed_at is not None:
        raise TransitionNotAllowed(_("The citizen has confirmed this booking."))
    _release_place(booking, options)


def _not_before_start(booking, options) -> None:
    if booking.starts_at > timezone.now():
        raise ValidationError(_("This can only be recorded once the appointment has started."))


def _lock_service_first(booking) -> None:
    """Every booking transition locks the service before the booking, as booking and moving do,
    so a check-in and a cancel of the same booking at the same moment cannot deadlock."""
    from .services import lock_service

    lock_service(booking.service)


BOOKING_WORKFLOW = Workflow(
    [
        Transition("approve", _("Approve"), (S.PENDING,), S.CONFIRMED, agency_staff, effect=_on_approve),
        Transition(
            "decline",
            _("Decline"),
            (S.PENDING,),
            S.DECLINED,
            agency_staff,
            note_required=True,
            public_note=True,  # the reason is sent to the citizen
            effect=_on_decline,
        ),
        Transition(
            "check_in", _("Check in"), (S.CONFIRMED,), S.CHECKED_IN, agency_staff, effect=_on_check_in
        ),
        Transition("complete", _("Mark as done"), (S.CHECKED_IN,), S.DONE, agency_staff),
        Transition(
            "no_show",
            _("Did not come"),
            (S.CONFIRMED,),
            S.NO_SHOW,
            agency_staff,
            effect=_not_before_start,
        ),
        Transition(
            "cancel",
            _("Cancel"),
            (S.PENDING, S.CONFIRMED),
            S.CANCELLED,
            _staff_or_citizen_before_cutoff,
            effect=_on_cancel,
        ),
        Transition("expire", _("Expire"), (S.PENDING,), S.EXPIRED, _system, effect=_on_expire),
        Transition(
            "release",
            _("Release (not confirmed by the citizen)"),
            (S.CONFIRMED,),
            S.EXPIRED,
            _system,
            effect=_on_release,
        ),
    ],
    lock_before=_lock_service_first,
)


# --- The waitlist ---------------------------------------------------------------------------------
#
#   waiting ─offer─▶ offered ─accept─▶ accepted (the booking is made in the same transaction)
#      │                ├─decline─▶ declined
#      │                └─lapse─▶ lapsed (the hold ran out; the place goes to the next person)
#      ├─leave─▶ left (the citizen, or staff of the agency)
#      └─close─▶ closed (the day has passed)
#
# The site (``SYSTEM``) offers, lapses and closes; the citizen (holder of the offer's private
# link) accepts or declines, and may leave the list.

W = WaitlistEntry.Status


def _citizen(user, entry) -> bool:
    return getattr(user, "is_citizen", False)


def _citizen_or_staff(user, entry) -> bool:
    return _citizen(user, entry) or agency_staff(user, entry)


def _on_offer(entry, options) -> None:
    entry.offered_start = options["start"]
    entry.offered_at = options["now"]
    entry.hold_until = options["hold_until"]
    # A fresh access code for the offer's link (only its digest is kept).
    entry.access_token_hash = options["token_hash"]


def _on_accept(entry, options) -> None:
    entry.booking = options["booking"]


WAITLIST_WORKFLOW = Workflow(
    [
        Transition("offer", _("Offer the freed place"), (W.WAITING,), W.OFFERED, _system, effect=_on_offer),
        Transition("accept", _("Accept the place"), (W.OFFERED,), W.ACCEPTED, _citizen, effect=_on_accept),
        Transition("decline", _("Decline the place"), (W.OFFERED,), W.DECLINED, _citizen),
        Transition("lapse", _("Offer not taken in time"), (W.OFFERED,), W.LAPSED, _system),
        Transition("leave", _("Leave the list"), (W.WAITING,), W.LEFT, _citizen_or_staff),
        Transition("close", _("Close (the day has passed)"), (W.WAITING,), W.CLOSED, _system),
    ]
)
