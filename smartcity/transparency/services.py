"""Operations on information requests and objections; each writes in one transaction.

Every state change goes through ``workflow.REQUEST_WORKFLOW`` (history row, Wagtail log); the
requester hears of each one by e-mail (or SMS when they gave only a phone), sent after the
commit by ``smartcity.core.notifications``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import Agency
from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token
from smartcity.core.uploads import CheckedUpload, store_attachments
from smartcity.core.workflow import CITIZEN
from smartcity.core.working_days import add_working_days, local_date

from .models import InformationRequest, Objection, RequestEvent, TransparencyPage
from .models.requests import ANSWER_WORKING_DAYS, OBJECTION_ANSWER_WORKING_DAYS
from .workflow import OFFICERS_GROUP, REQUEST_WORKFLOW, SUPERIORS_GROUP

S = InformationRequest.Status
DECISION_TRANSITIONS = {
    InformationRequest.Decision.GRANTED: "grant",
    InformationRequest.Decision.PARTLY_GRANTED: "partly_grant",
    InformationRequest.Decision.REFUSED: "refuse",
    InformationRequest.Decision.NOT_HELD: "not_held",
}
REQUEST_FIELDS = (
    "requester_kind",
    "name",
    "nik",
    "legal_status",
    "occupation",
    "address",
    "email",
    "phone",
    "information_wanted",
    "purpose",
    "delivery",
)


@dataclass
class SubmittedRequest:
    request: InformationRequest
    token: str


def track_path() -> str:
    """The tracking form of the PPID page in the reader's language ("" without a page)."""
    page = TransparencyPage.current()
    return page.subpage_path("track") if page else ""


def _absolute(path: str) -> str:
    from home.links import absolute_url

    return absolute_url(path) if path else ""


def _officer_emails(agency_id: int | None, group: str) -> list[str]:
    if agency_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=group,
            agency_memberships__agency_id=agency_id,
            agency_memberships__is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _context(request: InformationRequest, **extra) -> dict:
    return {
        "reference": request.reference,
        "name": request.name,
        "agency": request.agency.name if request.agency_id else "",
        "status": str(request.get_status_display()),
        "due": _date(request.due_at),
        "track_url": _absolute(track_path()),
        **extra,
    }


def _tell_requester(request: InformationRequest, template: str, **extra) -> None:
    notify(
        f"transparency/email/{template}",
        [request.email],
        _context(request, **extra),
        request.language,
        phones=[] if request.email else [request.phone],
    )


# --- Submission ---------------------------------------------------------------------------------


@transaction.atomic
def submit_request(
    *,
    agency: Agency,
    data: dict,
    id_card: CheckedUpload,
    language: str = "id",
    tracking_link_base: str = "",
    now: datetime.datetime | None = None,
    notify_requester: bool = True,
) -> SubmittedRequest:
    """Register a request: number, access code, the 10-working-day deadline, the ID card copy.

    ``tracking_link_base`` is the absolute URL of the tracking form; the requester's private link
    is that plus ``#<number>.<code>`` (the part after ``#`` never reaches a server).
    """
    if not agency.is_active:
        raise ValidationError({"agency": _("Choose an agency.")})
    now = now or timezone.now()
    code, code_digest = new_access_token()
    request = InformationRequest(
        reference=next_reference(InformationRequest.REFERENCE_PREFIX, local_date(now).year),
        access_token_hash=code_digest,
        agency=agency,
        created_at=now,
        consent_at=now,
        due_at=add_working_days(now, ANSWER_WORKING_DAYS),
        language=language,
        **{field: data.get(field, "") for field in REQUEST_FIELDS},
    )
    request.full_clean(exclude=["reference", "access_token_hash"])
    request.save()
    store_attachments(request, [id_card], by_citizen=True)
    RequestEvent.objects.create(
        case=request,
        kind=RequestEvent.Kind.CREATED,
        to_status=request.status,
        by_citizen=True,
        created_at=now,
    )
    if notify_requester:
        link = f"{tracking_link_base}#{request.reference}.{code}" if tracking_link_base else ""
        _tell_requester(request, "submitted", tracking_link=link)
        notify(
            "transparency/email/new_for_officers",
            _officer_emails(agency.pk, OFFICERS_GROUP),
            {"reference": request.reference, "agency": agency.name, "due": _context(request)["due"]},
        )
    return SubmittedRequest(request, code)


# --- Handling by the information officer ---------------------------------------------------------


@transaction.atomic
def extend(request: InformationRequest, user, notice: str) -> None:
    """Extend the deadline once by 7 working days; ``notice`` is the written notice sent."""
    REQUEST_WORKFLOW.apply(request, "extend", user, note=notice)
    _tell_requester(request, "status", message=notice)


@transaction.atomic
def answer(
    request: InformationRequest,
    user,
    decision: str,
    text: str,
    *,
    withheld: str = "",
    exemption_ground: str = "",
    files: list[CheckedUpload] | None = None,
) -> None:
    """Decide the request; the answer and its files reach the requester through the tracking page."""
    transition = DECISION_TRANSITIONS.get(decision)
    if transition is None:
        raise ValidationError({"decision": _("Choose a decision.")})
    REQUEST_WORKFLOW.apply(
        request, transition, user, note=text, withheld=withheld, exemption_ground=exemption_ground
    )
    if files:
        store_attachments(request, files, by_citizen=False)
    _tell_requester(request, "status", message=text)


@transaction.atomic
def forward(request: InformationRequest, user, to_agency: Agency, note: str) -> None:
    """Hand the request to the agency that holds the information; it owns the request now."""
    REQUEST_WORKFLOW.apply(request, "forward", user, note=note, to_agency=to_agency)
    _tell_requester(request, "status", message=note)
    notify(
        "transparency/email/new_for_officers",
        _officer_emails(to_agency.pk, OFFICERS_GROUP),
        {"reference": request.reference, "agency": to_agency.name, "due": _context(request)["due"]},
    )


# --- Objection and dispute ----------------------------------------------------------------------


@transaction.atomic
def file_objection(
    request: InformationRequest, ground: str, case_position: str, *, now: datetime.datetime | None = None
) -> Objection:
    """The requester objects to the superior officer (within 30 working days, art. 35 grounds)."""
    now = now or timezone.now()
    REQUEST_WORKFLOW.apply(request, "object", CITIZEN, note="")
    objection = Objection(
        reference=next_reference(Objection.REFERENCE_PREFIX, local_date(now).year),
        request=request,
        ground=ground,
        case_position=case_position.strip(),
        filed_at=now,
        due_at=add_working_days(now, OBJECTION_ANSWER_WORKING_DAYS),
    )
    objection.full_clean(exclude=["reference", "request"])
    objection.save()
    _tell_requester(
        request, "objection_filed", objection=objection.reference, objection_due=_date(objection.due_at)
    )
    notify(
        "transparency/email/objection_for_superiors",
        _officer_emails(request.agency_id, SUPERIORS_GROUP),
        {"reference": request.reference, "objection": objection.reference, "due": _date(objection.due_at)},
    )
    return objection


@transaction.atomic
def answer_objection(
    request: InformationRequest,
    user,
    outcome: str,
    response: str,
    *,
    superior_name: str = "",
    superior_position: str = "",
) -> Objection:
    """The superior officer's written answer; the requester is told of the Commission's 14 days."""
    if outcome not in Objection.Outcome.values:
        raise ValidationError({"outcome": _("Choose a decision.")})
    REQUEST_WORKFLOW.apply(request, "answer_objection", user, note=response)
    objection = Objection.objects.select_for_update().get(request=request)
    objection.outcome = outcome
    objection.response = response.strip()
    objection.answered_at = timezone.now()
    objection.answered_by = user if getattr(user, "is_authenticated", False) else None
    objection.superior_name = superior_name or (user.get_full_name() if objection.answered_by else "")
    objection.superior_position = superior_position
    objection.save()
    _tell_requester(
        request,
        "objection_answered",
        outcome=str(objection.get_outcome_display()),
        message=objection.response,
        commission_due=_date(objection.commission_deadline()),
    )
    return objection


@transaction.atomic
def record_dispute(request: InformationRequest, filed_on: datetime.date, reference: str = "") -> Objection:
    """The requester says they took the dispute to the Information Commission."""
    if filed_on > local_date(timezone.now()):
        raise ValidationError({"filed_on": _("The date cannot be in the future.")})
    REQUEST_WORKFLOW.apply(request, "record_dispute", CITIZEN, note="")
    objection = Objection.objects.select_for_update().get(request=request)
    objection.dispute_filed_on = filed_on
    objection.dispute_reference = reference.strip()
    objection.save(update_fields=["dispute_filed_on", "dispute_reference"])
    return objection


def _date(moment: datetime.datetime | None) -> str:
    return local_date(moment).strftime("%d-%m-%Y") if moment else ""
