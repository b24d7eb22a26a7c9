"""The application's states and who may move it between them.

    draft ─submit─▶ submitted ─verify─▶ review ─recommend─▶ decision ─approve─▶ approved ─issue─▶ issued
      │               │  ▲                                      └─reject─▶ rejected
      │               ▼  │resubmit (as "resubmitted", verified again)
      │             returned (clock stopped; the applicant fixes what is missing)
      └─withdraw─▶ withdrawn (the applicant, while draft or returned)

* The applicant (access token, ``CITIZEN``) or the front office for a walk-in: submit,
  resubmit, withdraw.
* Front office: return (with the list of what is missing), verify.
* Technical reviewer: recommend (after the optional site survey).
* Head of agency: approve or reject (reason sent to the applicant), issue.

Separation of duties: whoever verified an application may never approve it, whatever roles
they hold (superusers included). Every transition also needs the user to see the case
(their agency's applications, ``smartcity.core.access``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.access import can_see_case
from smartcity.core.numbering import next_reference
from smartcity.core.workflow import Transition, Workflow
from smartcity.core.working_days import WIB, add_working_days, working_days_between

from .models import PermitApplication
from .roles import DECISION_MAKERS, FRONT_OFFICE, TECHNICAL_REVIEWERS, has_role

S = PermitApplication.Status


def _staff(role: str):
    def allowed(user, application) -> bool:
        return has_role(user, role) and can_see_case(user, application)

    return allowed


def _applicant_or_front_office(user, application) -> bool:
    return getattr(user, "is_citizen", False) or _staff(FRONT_OFFICE)(user, application)


def _may_approve(user, application) -> bool:
    """Heads of agency approve, but never an application they verified themselves."""
    if application.verified_by_id is not None and application.verified_by_id == getattr(user, "pk", None):
        return False
    return _staff(DECISION_MAKERS)(user, application)


def expected_completion(application: PermitApplication):
    """The end of the working day by which the permit is due (clock paused while returned)."""
    return add_working_days(
        application.submitted_at, application.permit_type.service_level_days + application.paused_days
    )


def _on_submit(application, options) -> None:
    now = options.get("now") or timezone.now()
    application.reference = next_reference(
        PermitApplication.REFERENCE_PREFIX, timezone.localtime(now, WIB).year
    )
    application.submitted_at = now
    application.due_at = expected_completion(application)


def _on_return(application, options) -> None:
    application.returned_at = options.get("now") or timezone.now()
    application.missing_items = options.get("missing", "").strip() or options.get("note", "").strip()
    application.due_at = None  # unknown until the applicant resubmits


def _on_resubmit(application, options) -> None:
    now = options.get("now") or timezone.now()
    if application.returned_at:
        application.paused_days += working_days_between(application.returned_at, now)
    application.returned_at = None
    application.due_at = expected_completion(application)


def _on_verify(application, options) -> None:
    application.verified_by = options["user"]
    application.missing_items = ""


def _on_recommend(application, options) -> None:
    application.reviewed_by = options["user"]


def _finish(application, options) -> None:
    now = options.get("now") or timezone.now()
    application.completed_at = now
    application.processing_days = max(
        working_days_between(application.submitted_at, now) - application.paused_days, 0
    )


def _on_approve(application, options) -> None:
    application.decided_by = options["user"]
    application.decision_reason = options.get("note", "").strip()


def _on_reject(application, options) -> None:
    _on_approve(application, options)
    _finish(application, options)


APPLICATION_WORKFLOW = Workflow(
    [
        Transition(
            "submit", _("Submit"), (S.DRAFT,), S.SUBMITTED, _applicant_or_front_office, effect=_on_submit
        ),
        Transition(
            "return",
            _("Return to the applicant"),
            (S.SUBMITTED, S.RESUBMITTED),
            S.RETURNED,
            _staff(FRONT_OFFICE),
            note_required=True,
            public_note=True,
            effect=_on_return,
        ),
        Transition(
            "resubmit",
            _("Resubmit"),
            (S.RETURNED,),
            S.RESUBMITTED,
            _applicant_or_front_office,
            effect=_on_resubmit,
        ),
        Transition(
            "verify",
            _("Complete: to technical review"),
            (S.SUBMITTED, S.RESUBMITTED),
            S.REVIEW,
            _staff(FRONT_OFFICE),
            effect=_on_verify,
        ),
        Transition(
            "recommend",
            _("Review done: to decision"),
            (S.REVIEW,),
            S.DECISION,
            _staff(TECHNICAL_REVIEWERS),
            effect=_on_recommend,
        ),
        Transition("approve", _("Approve"), (S.DECISION,), S.APPROVED, _may_approve, effect=_on_approve),
        Transition(
            "reject",
            _("Reject"),
            (S.DECISION,),
            S.REJECTED,
            _staff(DECISION_MAKERS),
            note_required=True,
            public_note=True,
            effect=_on_reject,
        ),
        Transition(
            "issue", _("Issue the permit"), (S.APPROVED,), S.ISSUED, _staff(DECISION_MAKERS), effect=_finish
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            (S.DRAFT, S.RETURNED),
            S.WITHDRAWN,
            lambda user, application: getattr(user, "is_citizen", False),
        ),
    ]
)

# The transitions staff perform from the case file in the admin (``services.perform_staff_action``).
STAFF_ACTIONS = ("return", "verify", "recommend", "approve", "reject", "issue")


@dataclass(frozen=True)
class Stage:
    """One step of the processing, the states waiting at it and the role that acts there."""

    slug: str
    label: str
    statuses: tuple[str, ...]
    role: str


STAGES = (
    Stage("loket", _("Front office: completeness"), (S.SUBMITTED, S.RESUBMITTED), FRONT_OFFICE),
    Stage("teknis", _("Technical review"), (S.REVIEW,), TECHNICAL_REVIEWERS),
    Stage("keputusan", _("Decision"), (S.DECISION,), DECISION_MAKERS),
    Stage("penerbitan", _("Issuing"), (S.APPROVED,), DECISION_MAKERS),
)
STAGES_BY_SLUG = {stage.slug: stage for stage in STAGES}
