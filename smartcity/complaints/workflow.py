"""The complaint's states and who may move it between them.

    received ─verify─▶ verified ─assign─▶ assigned ─start─▶ in_progress ─resolve─▶ resolved ─close─▶ closed
        │                 │                 │  ▲ reassign        │  reassign            │
        └──── reject ─────┴──── reject ─────┘  └─────────────────┘      reopen (citizen, 14 days) ─▶ assigned

* Case supervisors ("Case supervisors" group, superusers): verify, assign, reassign, reject, close.
* Staff of the handling agency: start, resolve, and hand over (reassign) to another agency.
* The citizen (holder of the access token): reopen within 14 days of the resolution.

The desk checks every complaint first (as in SP4N-LAPOR!): until it verifies or assigns it, a
complaint is seen by the desk only, is not public and no agency is told. Notes on the desk's and
agencies' steps are internal unless staff address them to the reporter; resolutions, rejections
and the citizen's own reopening reason are addressed to the reporter.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.access import is_case_supervisor, works_for
from smartcity.core.workflow import CITIZEN, Transition, Workflow

from .models import Complaint

S = Complaint.Status


__all__ = ["CITIZEN", "COMPLAINT_WORKFLOW"]


def _supervisor(user, case) -> bool:
    return is_case_supervisor(user)


def _agency_staff(user, case) -> bool:
    return is_case_supervisor(user) or works_for(user, case.agency_id)


def _citizen_within_window(user, case) -> bool:
    return getattr(user, "is_citizen", False) and case.can_be_reopened()


def _first_response(case, now) -> None:
    if case.first_responded_at is None:
        case.first_responded_at = now


def _desk_checked(case, options) -> None:
    """The desk has read the complaint: from now on it is public (unless private), worded as the
    desk chose (``public_title`` / ``public_description``, empty for the citizen's words)."""
    now = timezone.now()
    if case.verified_at is None:
        case.verified_at = now
    for field, original in (("public_title", case.title), ("public_description", case.description)):
        wording = (options.get(field) or "").strip()
        if wording:
            setattr(case, field, "" if wording == original.strip() else wording)
    _first_response(case, now)


def _on_verify(case, options) -> None:
    _desk_checked(case, options)


def _on_assign(case, options) -> None:
    # The category's default agency only pre-fills the desk's choice (see views_staff).
    case.agency = options.get("agency") or case.agency or case.category.default_agency
    _desk_checked(case, options)


def _on_reassign(case, options) -> None:
    agency = options.get("agency")
    if agency is None or agency.pk == case.agency_id:
        from django.core.exceptions import ValidationError

        raise ValidationError({"agency": _("Choose the agency that should handle the complaint.")})
    case.agency = agency
    case.status = S.ASSIGNED


def _on_start(case, options) -> None:
    _first_response(case, timezone.now())


def _on_resolve(case, options) -> None:
    now = timezone.now()
    _first_response(case, now)
    case.resolved_at = now


def _on_close(case, options) -> None:
    case.closed_at = timezone.now()


def _on_reject(case, options) -> None:
    from django.core.exceptions import ValidationError

    reason = options.get("reason", "")
    if reason not in Complaint.RejectionReason.values:
        raise ValidationError({"reason": _("Choose why the complaint is rejected.")})
    case.rejection_reason = reason
    case.duplicate_of = options.get("duplicate_of")
    _first_response(case, timezone.now())


def _on_reopen(case, options) -> None:
    case.reopened_count += 1
    case.resolved_at = None
    case.closed_at = None
    case.rating = None
    case.rating_comment = ""
    case.rated_at = None


COMPLAINT_WORKFLOW = Workflow(
    [
        Transition("verify", _("Verify"), (S.RECEIVED,), S.VERIFIED, _supervisor, effect=_on_verify),
        Transition(
            "assign",
            _("Assign to an agency"),
            (S.RECEIVED, S.VERIFIED),
            S.ASSIGNED,
            _supervisor,
            effect=_on_assign,
        ),
        Transition(
            "reassign",
            _("Hand over to another agency"),
            (S.ASSIGNED, S.IN_PROGRESS),
            S.ASSIGNED,
            _agency_staff,
            note_required=True,
            effect=_on_reassign,
        ),
        Transition(
            "start", _("Start handling"), (S.ASSIGNED,), S.IN_PROGRESS, _agency_staff, effect=_on_start
        ),
        Transition(
            "resolve",
            _("Mark as resolved"),
            (S.ASSIGNED, S.IN_PROGRESS),
            S.RESOLVED,
            _agency_staff,
            note_required=True,
            public_note=True,
            effect=_on_resolve,
        ),
        Transition("close", _("Close"), (S.RESOLVED,), S.CLOSED, _supervisor, effect=_on_close),
        Transition(
            "reject",
            _("Reject"),
            (S.RECEIVED, S.VERIFIED, S.ASSIGNED),
            S.REJECTED,
            _supervisor,
            note_required=True,
            public_note=True,
            effect=_on_reject,
        ),
        Transition(
            "reopen",
            _("Reopen"),
            (S.RESOLVED, S.CLOSED),
            S.ASSIGNED,
            _citizen_within_window,
            note_required=True,
            public_note=True,
            effect=_on_reopen,
        ),
    ]
)
