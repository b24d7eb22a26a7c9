"""One workflow mechanism for every service: a declared transition table, a permission check
per transition, and a history row (plus a Wagtail log entry) for every change.

A service declares its table once::

    COMPLAINT_WORKFLOW = Workflow([
        Transition("verify", _("Verify"), sources=("received",), target="verified",
                   allowed=lambda user, case: is_case_supervisor(user)),
        ...
    ])

and changes state only through ``COMPLAINT_WORKFLOW.apply(case, "verify", user, note=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .access import acting_agency_id_for

LOG_ACTION = "smartcity.transition"


class Citizen:
    """The citizen acting through a private link or code (proved by the access token)."""

    is_authenticated = False
    is_citizen = True
    is_system = False


class System:
    """The site itself acting on a schedule (e.g. releasing bookings nobody confirmed)."""

    is_authenticated = False
    is_citizen = False
    is_system = True


CITIZEN = Citizen()
SYSTEM = System()


class TransitionNotAllowed(ValidationError):
    """The case is not in a state from which this transition starts."""


@dataclass(frozen=True)
class Transition:
    """A named move from one of ``sources`` to ``target``, allowed when ``allowed(user, case)``."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    allowed: Callable[[object, object], bool]
    note_required: bool = False
    # Whether the note is addressed to the citizen by default. Notes between staff are internal
    # unless a transition speaks to the citizen (a resolution, a reason for rejection).
    public_note: bool = False
    # Extra changes to the case when the transition happens (timestamps, agency...).
    effect: Callable[[object, dict], None] | None = None


class Workflow:
    """A transition table with its states; applies transitions and records their history."""

    def __init__(
        self, transitions: Iterable[Transition], *, lock_before: Callable[[object], None] | None = None
    ):
        """``lock_before(case)``, when given, locks rows that must be locked before the case's own
        row (e.g. a bookable service whose capacity the case holds): every path then takes the
        locks in the same order, so two transactions cannot deadlock on them."""
        self.transitions = {t.name: t for t in transitions}
        self.lock_before = lock_before

    def get(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError:
            raise TransitionNotAllowed(_("Unknown action.")) from None

    def available(self, case, user) -> list[Transition]:
        """Transitions ``user`` may perform on ``case`` now, in declaration order."""
        return [t for t in self.transitions.values() if case.status in t.sources and t.allowed(user, case)]

    def can(self, case, user, name: str) -> bool:
        transition = self.transitions.get(name)
        return bool(transition and case.status in transition.sources and transition.allowed(user, case))

    def apply(self, case, name: str, user, *, note: str = "", is_public: bool | None = None, **options):
        """Perform transition ``name`` on ``case`` as ``user`` and record it.

        The case row is locked for the duration, so two officers acting at once cannot both
        move it from the same state. Returns the history event.
        """
        transition = self.get(name)
        with transaction.atomic():
            if self.lock_before is not None:
                self.lock_before(case)
            locked = type(case).objects.select_for_update().get(pk=case.pk)
            if locked.status not in transition.sources:
                raise TransitionNotAllowed(
                    _("This action is not possible while the case is “%(status)s”.")
                    % {"status": locked.get_status_display()}
                )
            if not transition.allowed(user, locked):
                raise PermissionDenied(_("You may not perform this action on this case."))
            if transition.note_required and not note.strip():
                raise ValidationError({"note": _("Please give a reason.")})
            from_status = locked.status
            # Before the effect: on a hand-over, the agency that acted is the one giving it away.
            acting_agency_id = acting_agency_id_for(user, locked)
            locked.status = transition.target
            if transition.effect:
                transition.effect(locked, {"user": user, "note": note, **options})
            locked.save()
            event = locked.events.create(
                kind=locked.events.model.Kind.STATUS,
                from_status=from_status,
                to_status=transition.target,
                note=note.strip(),
                is_public=transition.public_note if is_public is None else is_public,
                actor=user if getattr(user, "is_authenticated", False) else None,
                actor_agency_id=acting_agency_id,
                by_citizen=getattr(user, "is_citizen", False),
                created_at=timezone.now(),
            )
            log(
                instance=locked,
                action=LOG_ACTION,
                user=user if getattr(user, "is_authenticated", False) else None,
                data={"transition": name, "from": from_status, "to": transition.target},
            )
        # Hand the caller the fresh state. Through the field descriptors, so that a related
        # object the caller had loaded (e.g. the old agency) is not served stale afterwards.
        for field in type(case)._meta.concrete_fields:
            setattr(case, field.attname, getattr(locked, field.attname))
        return event
