"""The request's states and who may move it between them (UU 14/2008 and Perki SLIP 1/2010).

    received ─extend (once, written notice)─▶ extended
       │  └─forward (to the agency that holds it: it owns the request now)─▶ received
       ├──────┴─grant / partly_grant / refuse / not_held─▶ answered (4 states)
       │
    answered, or open past its deadline ─object (requester, 30 working days)─▶ objected
    objected ─answer_objection (superior officer)─▶ objection_answered
    objection_answered, or objected past the superior's deadline
       ─record_dispute (requester)─▶ disputed

* The agency's information officers (group "PPID officers" and working for the agency):
  extend, answer, forward.
* The agency's superior officers (group "PPID superiors"): answer objections.
* The requester (holder of the access code): object, record a dispute.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.access import works_for
from smartcity.core.workflow import Transition, Workflow
from smartcity.core.working_days import add_working_days, working_days_between

from .models import InformationRequest
from .models.requests import ANSWER_WORKING_DAYS, ANSWERED_STATUSES, EXTENSION_WORKING_DAYS, OPEN_STATUSES

S = InformationRequest.Status
OFFICERS_GROUP = "PPID officers"
SUPERIORS_GROUP = "PPID superiors"


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache_name = "_ppid_groups"
    groups = getattr(user, cache_name, None)
    if groups is None:
        groups = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, cache_name, groups)
    return name in groups


def is_information_officer(user, request) -> bool:
    """The agency's PPID (or a superuser)."""
    if getattr(user, "is_superuser", False):
        return True
    return _in_group(user, OFFICERS_GROUP) and works_for(user, request.agency_id)


def is_superior_officer(user, request) -> bool:
    """The agency's superior officer, who answers objections (or a superuser)."""
    if getattr(user, "is_superuser", False):
        return True
    return _in_group(user, SUPERIORS_GROUP) and works_for(user, request.agency_id)


def _requester(user, request) -> bool:
    return getattr(user, "is_citizen", False)


def _requester_may_object(user, request) -> bool:
    return _requester(user, request) and request.may_object()


def _requester_may_record_dispute(user, request) -> bool:
    if not _requester(user, request):
        return False
    objection = request.objection_record
    if objection is None:
        return False
    return request.status == S.OBJECTION_ANSWERED or objection.is_overdue()


def _on_extend(request, options) -> None:
    if request.extended_at is not None:
        raise ValidationError(_("A request can be extended only once."))
    request.extended_at = timezone.now()
    request.extension_notice = options["note"].strip()
    request.due_at = add_working_days(request.due_at, EXTENSION_WORKING_DAYS)


def _answer(decision: str):
    def effect(request, options) -> None:
        now = timezone.now()
        request.decision = decision
        request.answered_at = now
        request.answer = options["note"].strip()
        request.answer_working_days = working_days_between(request.started_at(), now)
        request.withheld = (options.get("withheld") or "").strip() if decision == S.PARTLY_GRANTED else ""
        request.exemption_ground = options.get("exemption_ground") or "" if decision == S.REFUSED else ""
        if decision == S.PARTLY_GRANTED and not request.withheld:
            raise ValidationError({"withheld": _("Say what was withheld and why.")})
        if decision == S.REFUSED and not request.exemption_ground:
            raise ValidationError({"exemption_ground": _("Give the exemption ground of the refusal.")})

    return effect


def _on_forward(request, options) -> None:
    target = options.get("to_agency")
    if target is None or not target.is_active:
        raise ValidationError({"to_agency": _("Choose the agency that holds the information.")})
    if target.pk == request.agency_id:
        raise ValidationError({"to_agency": _("The request is already with this agency.")})
    now = timezone.now()
    request.forwarded_from_id = request.agency_id
    request.agency = target
    request.forwarded_at = now
    # The agency that holds the information answers within the law's time from now on, and may
    # extend once itself.
    request.extended_at = None
    request.extension_notice = ""
    request.due_at = add_working_days(now, ANSWER_WORKING_DAYS)


REQUEST_WORKFLOW = Workflow(
    [
        Transition(
            "extend",
            _("Extend by 7 working days"),
            (S.RECEIVED,),
            S.EXTENDED,
            is_information_officer,
            note_required=True,
            public_note=True,  # the written notice to the requester
            effect=_on_extend,
        ),
        Transition(
            "grant",
            _("Grant"),
            OPEN_STATUSES,
            S.GRANTED,
            is_information_officer,
            note_required=True,
            public_note=True,
            effect=_answer(S.GRANTED),
        ),
        Transition(
            "partly_grant",
            _("Partly grant"),
            OPEN_STATUSES,
            S.PARTLY_GRANTED,
            is_information_officer,
            note_required=True,
            public_note=True,
            effect=_answer(S.PARTLY_GRANTED),
        ),
        Transition(
            "refuse",
            _("Refuse"),
            OPEN_STATUSES,
            S.REFUSED,
            is_information_officer,
            note_required=True,
            public_note=True,
            effect=_answer(S.REFUSED),
        ),
        Transition(
            "not_held",
            _("Information not held"),
            OPEN_STATUSES,
            S.NOT_HELD,
            is_information_officer,
            note_required=True,
            public_note=True,
            effect=_answer(S.NOT_HELD),
        ),
        Transition(
            "forward",
            _("Forward to the agency that holds it"),
            OPEN_STATUSES,
            S.RECEIVED,
            is_information_officer,
            note_required=True,
            public_note=True,
            effect=_on_forward,
        ),
        Transition(
            "object",
            _("File an objection"),
            (*ANSWERED_STATUSES, *OPEN_STATUSES),
            S.OBJECTED,
            _requester_may_object,
            public_note=True,
        ),
        Transition(
            "answer_objection",
            _("Answer the objection"),
            (S.OBJECTED,),
            S.OBJECTION_ANSWERED,
            is_superior_officer,
            note_required=True,
            public_note=True,
        ),
        Transition(
            "record_dispute",
            _("Record a dispute at the Information Commission"),
            (S.OBJECTION_ANSWERED, S.OBJECTED),
            S.DISPUTED,
            _requester_may_record_dispute,
            public_note=True,
        ),
    ]
)
