"""The booking's states and who may move it between them.

    pending ─approve─▶ confirmed ─check_in─▶ checked_in ─complete─▶ done
       │  └─decline─▶ declined    ├─no_show─▶ no_show
       ├─expire─▶ expired (nobody approved in time; the site itself)
       └──────────────┴─cancel─▶ cancelled (citizen until the cut-off, or staff)

* Staff of the service's agency and case supervisors: approve, decline (reason sent to the
  citizen), check in (queue number), complete, no-show, cancel.
* The citizen (holder of the access token): cancel until the service's cut-off.
* The site (``SYSTEM``): expire bookings nobody approved in time.

Leaving the holding states (cancel, decline, expire) gives the seats back in the same row
update, so the place is free the moment the transition commits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.access import is_case_supervisor, works_for
from smartcity.core.workflow import Transition, Workflow

from .models import BookableService, Booking

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
    # The service row is the lock every writer of this service's day takes, so two desks
    # checking people in at once never hand out the same queue number.
    BookableService.objects.select_for_update().get(pk=booking.service_id)
    last = Booking.objects.filter(service_id=booking.service_id, day=booking.day).aggregate(
        last=Max("queue_number")
    )["last"]
    booking.queue_number = (last or 0) + 1
    booking.checked_in_at = timezone.now()


def _on_expire(booking, options) -> None:
    _release_place(booking, options)


def _not_before_start(booking, options) -> None:
    if booking.starts_at > timezone.now():
        raise ValidationError(_("This can only be recorded once the appointment has started."))


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
    ]
)
