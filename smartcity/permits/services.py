"""Operations on permit applications that write several rows, each in one transaction.

Views, the admin, the API and the demo seed all go through these functions; states change only
through ``workflow.APPLICATION_WORKFLOW`` (history row + Wagtail log per change).
"""

from __future__ import annotations

import calendar
import datetime
import secrets
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token
from smartcity.core.uploads import CheckedUpload, store_attachments
from smartcity.core.working_days import WIB, local_date

from .models import (
    Permit,
    PermitApplication,
    PermitApplicationEvent,
    PermitRequirement,
    PermitType,
    RequirementUpload,
    SatisfactionSurvey,
)
from .roles import inspectorate_emails
from .workflow import APPLICATION_WORKFLOW, STAFF_ACTIONS

S = PermitApplication.Status
PERMIT_NUMBER_PREFIX = "SK"


@dataclass
class DraftResult:
    application: PermitApplication
    token: str


APPLICANT_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "nik",
    "company_name",
    "nib",
    "npwp",
    "email",
    "phone",
    "address",
)


def start_draft(
    permit_type: PermitType,
    data: dict,
    *,
    answers: dict | None = None,
    language: str = "id",
    source: str = PermitApplication.Source.WEB,
    actor=None,
    now: datetime.datetime | None = None,
) -> DraftResult:
    """A new draft for ``permit_type`` with the applicant in ``data`` (cleaned form data).

    The draft carries a temporary reference; the registration number is taken on submission.
    """
    now = now or timezone.now()
    if not permit_type.is_active:
        raise ValidationError(_("This permit type is not taking applications at the moment."))
    if not permit_type.accepts(data["applicant_kind"]):
        raise ValidationError(
            {
                "applicant_kind": _("This permit is for %(kind)s only.")
                % {"kind": permit_type.get_applicant_kind_display().lower()}
            }
        )
    token, token_hash = new_access_token()
    with transaction.atomic():
        application = PermitApplication(
            reference=PermitApplication.DRAFT_PREFIX + secrets.token_hex(6).upper(),
            access_token_hash=token_hash,
            status=S.DRAFT,
            agency_id=permit_type.agency_id,
            permit_type=permit_type,
            answers=answers or {},
            fee=permit_type.compute_fee(answers),
            language=language,
            source=source,
            consent_at=now,
            created_at=now,
            **{name: data.get(name, "") for name in APPLICANT_FIELDS},
        )
        application.full_clean(exclude=["reference", "access_token_hash"])
        application.save()
        application.events.create(
            kind=PermitApplicationEvent.Kind.CREATED,
            to_status=S.DRAFT,
            is_public=True,
            by_citizen=source == PermitApplication.Source.WEB,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=now,
        )
    return DraftResult(application, token)


def attach_documents(
    application: PermitApplication, documents: dict[int, CheckedUpload], *, by_citizen: bool = True
) -> list[RequirementUpload]:
    """Store checked files for the application's requirements (keyed by requirement id),
    replacing an earlier upload of the same requirement. Each file's type (sniffed from its
    bytes by ``core.uploads``) must be one the requirement accepts."""
    if not application.is_editable_by_applicant:
        raise ValidationError(
            _("Documents can only be changed while the application is a draft or returned.")
        )
    requirements = {r.pk: r for r in application.permit_type.requirements.all()}
    errors = {}
    for requirement_id, upload in documents.items():
        requirement = requirements.get(requirement_id)
        if requirement is None:
            raise ValidationError(_("Unknown requirement."))
        if upload.mime_type not in requirement.mime_types:
            errors[f"requirement_{requirement_id}"] = _(
                "“%(name)s” is not accepted for “%(requirement)s”: send %(kinds)s."
            ) % {
                "name": upload.original_name,
                "requirement": requirement.label,
                "kinds": requirement.get_file_kinds_display(),
            }
    if errors:
        raise ValidationError(errors)
    stored = []
    with transaction.atomic():
        for requirement_id, upload in documents.items():
            requirement = requirements[requirement_id]
            for old in application.uploads.filter(requirement=requirement).select_related("attachment"):
                old.attachment.file.delete(save=False)
                old.attachment.delete()
            (attachment,) = store_attachments(application, [upload], by_citizen=by_citizen)
            stored.append(
                RequirementUpload.objects.create(
                    application=application,
                    requirement=requirement,
                    label=requirement.label,
                    attachment=attachment,
                )
            )
    return stored


# The front office passed these applications as complete (``verify``), so the files they hold
# were accepted: documents can no longer change after that. A returned application's files are
# not offered: one of them may be the very document returned as wrong.
ACCEPTED_DOCUMENT_STATES = (S.REVIEW, S.DECISION, S.APPROVED, S.ISSUED, S.REJECTED)


def _same_applicant(earlier: PermitApplication, application: PermitApplication) -> bool:
    """The same person (NIK) or the same company (NIB) applied for both."""
    return bool(
        (earlier.nik and earlier.nik == application.nik) or (earlier.nib and earlier.nib == application.nib)
    )


def reusable_documents(
    application: PermitApplication, requirement: PermitRequirement, proven_ids: Collection[int]
) -> list[RequirementUpload]:
    """The accepted files that may stand in for ``requirement`` of ``application``.

    Only for a reusable requirement; only from the applicant's own earlier applications whose
    access they proved (``proven_ids``: opened with number and access code in this browser);
    only files the front office accepted, given for the same requirement or one of the same
    name (another type's "KTP-el pemohon"), of a type the requirement accepts.
    """
    if not requirement.reusable or not proven_ids:
        return []
    candidates = (
        RequirementUpload.objects.filter(
            application_id__in=list(proven_ids),
            application__status__in=ACCEPTED_DOCUMENT_STATES,
            application__created_at__lt=application.created_at,
        )
        .exclude(application_id=application.pk)
        .filter(Q(requirement=requirement) | Q(label__iexact=requirement.label.strip()))
        .select_related("application", "attachment")
        .order_by("-application__created_at", "pk")
    )
    return [
        upload
        for upload in candidates
        if _same_applicant(upload.application, application)
        and upload.attachment.mime_type in requirement.mime_types
    ]


def reuse_document(
    application: PermitApplication,
    requirement: PermitRequirement,
    earlier: RequirementUpload,
    *,
    proven_ids: Collection[int],
    by_citizen: bool = True,
    now: datetime.datetime | None = None,
) -> RequirementUpload:
    """Copy an accepted file of an earlier application into ``application`` for ``requirement``.

    The rules are those of ``reusable_documents``; the copy is a new private attachment of this
    application (the earlier one stays untouched) and the history says where it came from.
    """
    if requirement.permit_type_id != application.permit_type_id:
        raise ValidationError(_("Unknown requirement."))
    if not requirement.reusable:
        raise ValidationError(_("This document cannot be taken from an earlier application: upload it."))
    if earlier.pk not in {u.pk for u in reusable_documents(application, requirement, proven_ids)}:
        raise ValidationError(
            _(
                "This document cannot be reused here: only documents accepted in your own earlier "
                "applications, opened with their number and access code, can be reused."
            )
        )
    source = earlier.attachment
    with source.file.open("rb") as handle:
        content = handle.read()
    with transaction.atomic():
        (copy,) = attach_documents(
            application,
            {requirement.pk: CheckedUpload(source.original_name, source.mime_type, content)},
            by_citizen=by_citizen,
        )
        application.events.create(
            kind=PermitApplicationEvent.Kind.REUSED,
            note=_("“%(document)s” taken from earlier application %(reference)s.")
            % {"document": requirement.label, "reference": earlier.application.reference},
            is_public=True,
            by_citizen=by_citizen,
            created_at=now or timezone.now(),
        )
    return copy


def _check_complete(application: PermitApplication) -> None:
    missing = application.missing_mandatory()
    if missing:
        raise ValidationError(
            ngettext(
                "A mandatory document is missing: %(items)s. Upload it, then submit again.",
                "Mandatory documents are missing: %(items)s. Upload them, then submit again.",
                len(missing),
            )
            % {"items": "; ".join(r.label for r in missing)},
            code="incomplete",
        )


def application_context(application: PermitApplication, link: str = "") -> dict:
    """What e-mails may say (JSON-serialisable; no personal data but the name)."""
    return {
        "reference": application.reference,
        "name": application.applicant_name,
        "type": application.permit_type.name,
        "agency": application.permit_type.agency.name,
        "status": str(application.get_status_display()),
        "due": application.due_at.astimezone(WIB).strftime("%d-%m-%Y") if application.due_at else "",
        "missing": application.missing_list(),
        "reason": application.decision_reason,
        "link": link,
    }


def _notify_applicant(application: PermitApplication, template: str, link: str = "") -> None:
    notify(
        f"permits/email/{template}",
        [application.email],
        application_context(application, link),
        application.language,
        phones=[application.phone],
    )


def submit(application: PermitApplication, actor, *, link: str = "", now=None) -> PermitApplicationEvent:
    """Submit a draft: every mandatory document must be there. Takes the registration number."""
    with transaction.atomic():
        application.refresh_from_db()
        _check_complete(application)
        event = APPLICATION_WORKFLOW.apply(application, "submit", actor, now=now or timezone.now())
        _notify_applicant(application, "submitted", link)
    return event


def resubmit(application: PermitApplication, actor, *, link: str = "", now=None) -> PermitApplicationEvent:
    """The applicant fixed what was missing: the clock runs again from now."""
    with transaction.atomic():
        application.refresh_from_db()
        _check_complete(application)
        event = APPLICATION_WORKFLOW.apply(application, "resubmit", actor, now=now or timezone.now())
        _notify_applicant(application, "resubmitted", link)
    return event


def return_to_applicant(
    application: PermitApplication, actor, missing: str, *, now=None
) -> PermitApplicationEvent:
    """Front office: the application is incomplete; ``missing`` lists what (one item per line)."""
    if not missing.strip():
        raise ValidationError({"note": _("List what is missing.")})
    event = APPLICATION_WORKFLOW.apply(
        application, "return", actor, note=missing, missing=missing, now=now or timezone.now()
    )
    _notify_applicant(application, "returned")
    return event


def schedule_site_survey(application: PermitApplication, actor, when: datetime.datetime, note: str = ""):
    """Technical review: a site survey at ``when`` (shown to the applicant, who should be there)."""
    if application.status != S.REVIEW:
        raise ValidationError(_("A site survey is scheduled during the technical review."))
    with transaction.atomic():
        PermitApplication.objects.filter(pk=application.pk).update(survey_at=when)
        application.survey_at = when
        event = application.events.create(
            kind=PermitApplicationEvent.Kind.SURVEY,
            note=_("Site survey scheduled for %(when)s. %(note)s")
            % {"when": when.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB"), "note": note},
            is_public=True,
            actor=actor,
        )
        _notify_applicant(application, "survey")
    return event


def record_survey_report(
    application: PermitApplication, actor, report: str, files: list[CheckedUpload] | None = None
) -> PermitApplicationEvent:
    """Technical review: the site survey's report (text and optional files, internal)."""
    if application.status != S.REVIEW:
        raise ValidationError(_("The survey report is recorded during the technical review."))
    with transaction.atomic():
        PermitApplication.objects.filter(pk=application.pk).update(survey_report=report)
        application.survey_report = report
        if files:
            store_attachments(application, files, by_citizen=False)
        return application.events.create(
            kind=PermitApplicationEvent.Kind.SURVEY, note=report, is_public=False, actor=actor
        )


def approve(application: PermitApplication, actor, *, note: str = "", now=None) -> Permit:
    """Head of agency: approve and issue the permit, in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        APPLICATION_WORKFLOW.apply(application, "approve", actor, note=note, now=now)
        permit = issue_permit(application, actor, now=now)
    _notify_applicant(application, "issued")
    return permit


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def issue_permit(application: PermitApplication, actor, *, now=None) -> Permit:
    now = now or timezone.now()
    permit_type = application.permit_type
    start = local_date(now)
    with transaction.atomic():
        permit = Permit.objects.create(
            application=application,
            permit_type=permit_type,
            number=next_reference(f"{PERMIT_NUMBER_PREFIX}{permit_type.code}"[:10], start.year),
            holder_name=application.holder_name,
            issued_at=now,
            valid_from=start,
            valid_until=add_months(start, permit_type.validity_months) - datetime.timedelta(days=1)
            if permit_type.validity_months
            else None,
            conditions=permit_type.conditions,
        )
        APPLICATION_WORKFLOW.apply(application, "issue", actor, now=now)
    return permit


def perform_staff_action(
    application: PermitApplication, name: str, actor, *, note: str = "", now=None
) -> PermitApplicationEvent | Permit:
    """One of ``workflow.STAFF_ACTIONS`` from the admin's case file, with its note: what is
    missing (return), the reason (reject) or an optional remark."""
    if name not in STAFF_ACTIONS:
        raise ValidationError(_("Unknown action."))
    if name == "return":
        return return_to_applicant(application, actor, note, now=now)
    if name == "reject":
        return reject(application, actor, note, now=now)
    if name == "approve":
        return approve(application, actor, note=note, now=now)
    if name == "issue":
        return issue_permit(application, actor, now=now)
    return APPLICATION_WORKFLOW.apply(application, name, actor, note=note, now=now or timezone.now())


def file_at_counter(
    permit_type: PermitType,
    data: dict,
    documents: dict[int, CheckedUpload],
    actor,
    *,
    answers: dict | None = None,
    now=None,
) -> DraftResult:
    """Front office files an application for a walk-in applicant: the draft, the documents
    brought to the counter and the submission, all or nothing. The access code in the result
    is handed to the applicant (it is shown once and never stored)."""
    missing = [r.label for r in permit_type.requirements.all() if r.mandatory and r.pk not in documents]
    if missing:
        raise ValidationError(
            ngettext(
                "A mandatory document is missing: %(items)s.",
                "Mandatory documents are missing: %(items)s.",
                len(missing),
            )
            % {"items": "; ".join(missing)},
            code="incomplete",
        )
    now = now or timezone.now()
    with transaction.atomic():
        result = start_draft(
            permit_type, data, answers=answers, source=PermitApplication.Source.COUNTER, actor=actor, now=now
        )
        attach_documents(result.application, documents, by_citizen=False)
        submit(result.application, actor, now=now)
    return result


def reject(application: PermitApplication, actor, reason: str, *, now=None) -> PermitApplicationEvent:
    event = APPLICATION_WORKFLOW.apply(application, "reject", actor, note=reason, now=now or timezone.now())
    _notify_applicant(application, "rejected")
    return event


def revoke_permit(permit: Permit, actor, reason: str, *, now=None) -> Permit:
    """Staff revoke an issued permit; the verification page shows it revoked from now on."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    now = now or timezone.now()
    with transaction.atomic():
        locked = Permit.objects.select_for_update().get(pk=permit.pk)
        if locked.revoked_at:
            raise ValidationError(_("This permit has already been revoked."))
        locked.revoked_at, locked.revoked_reason, locked.revoked_by = now, reason.strip(), actor
        locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        locked.application.events.create(
            kind=PermitApplicationEvent.Kind.REVOKED,
            note=reason.strip(),
            is_public=True,
            actor=actor,
            created_at=now,
        )
    return locked


def record_satisfaction(
    application: PermitApplication, scores: dict, suggestion: str = ""
) -> SatisfactionSurvey:
    """The applicant's survey once the application is finished (issued or rejected); once only."""
    if application.status not in (S.ISSUED, S.REJECTED):
        raise ValidationError(_("The survey opens once your application is completed."))
    with transaction.atomic():
        if SatisfactionSurvey.objects.filter(application=application).exists():
            raise ValidationError(_("You have already answered the survey. Thank you!"))
        survey = SatisfactionSurvey.objects.create(application=application, suggestion=suggestion, **scores)
        application.events.create(kind=PermitApplicationEvent.Kind.RATING, is_public=False, by_citizen=True)
    return survey


def alert_overdue(now: datetime.datetime | None = None) -> int:
    """Alert the Inspectorate about every application past its service level, once each.

    E-mail to the Inspectorate's users, a history row (shown on the dashboard) and the
    ``overdue_alerted_at`` mark; each application is claimed with a conditional update, so two
    runs at once never alert twice. Meant for a periodic job (``manage.py alert_overdue_permits``).
    """
    now = now or timezone.now()
    alerted = 0
    recipients = inspectorate_emails()
    for application in (
        PermitApplication.objects.overdue(now)
        .filter(overdue_alerted_at__isnull=True)
        .select_related("permit_type__agency")
    ):
        with transaction.atomic():
            claimed = PermitApplication.objects.filter(
                pk=application.pk, overdue_alerted_at__isnull=True
            ).update(overdue_alerted_at=now)
            if not claimed:
                continue
            application.events.create(
                kind=PermitApplicationEvent.Kind.OVERDUE,
                note=_("Due %(due)s; the Inspectorate was alerted.")
                % {"due": application.due_at.astimezone(WIB).strftime("%d-%m-%Y")},
                created_at=now,
            )
            notify(
                "permits/email/overdue",
                recipients,
                {
                    "reference": application.reference,
                    "type": application.permit_type.name,
                    "agency": application.permit_type.agency.name,
                    "status": str(application.get_status_display()),
                    "due": application.due_at.astimezone(WIB).strftime("%d-%m-%Y"),
                },
            )
        alerted += 1
    return alerted
