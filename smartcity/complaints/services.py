"""Operations on complaints that write several rows, each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from smartcity.core.access import (
    agency_staff_emails,
    can_see_case,
    case_supervisor_emails,
    is_case_supervisor,
)
from smartcity.core.notifications import notify
from smartcity.core.numbering import next_reference
from smartcity.core.tokens import new_access_token
from smartcity.core.uploads import CheckedUpload, store_attachments
from smartcity.core.working_days import add_working_days

from .models import Complaint, ComplaintEvent


@dataclass
class Submission:
    complaint: Complaint
    token: str


PUBLIC_WORDING_ACTION = "smartcity.public_wording"

# Where editors are asked to place the complaint page; used only while no page is live yet.
FALLBACK_TRACKING_PATH = "/layanan/pengaduan/lacak/"


def tracking_path(complaint: Complaint, token: str) -> str:
    """The private link that opens a complaint's tracking page without typing anything.

    The reference and the code travel after ``#``, which browsers never send: the page's
    script POSTs them (without JavaScript the page asks for the code), the server remembers
    the access in the session and redirects to the complaint. So the code reaches no access
    log, proxy or ``Referer`` header.
    """
    from .models import ComplaintPage

    page = ComplaintPage.current()
    base = page.tracking_url() if page is not None else FALLBACK_TRACKING_PATH
    return f"{base}#{urlencode({'nomor': complaint.reference, 'kode': token})}"


def submit_complaint(
    *,
    data: dict,
    uploads: list[CheckedUpload],
    language: str = "id",
    source: str = Complaint.Source.WEB,
    base_url: str = "",
) -> Submission:
    """Store a new complaint with its first history entry and attachments; notify people.

    ``data`` holds the cleaned form fields. The reference number is taken in the same
    transaction, so a failure anywhere leaves nothing behind, not even a used number.
    """
    now = timezone.now()
    category = data["category"]
    with transaction.atomic():
        token, token_hash = new_access_token()
        complaint = Complaint(
            reference=next_reference(Complaint.REFERENCE_PREFIX, timezone.localtime(now).year),
            access_token_hash=token_hash,
            kind=data.get("kind") or Complaint.Kind.COMPLAINT,
            title=data["title"],
            description=data["description"],
            category=category,
            kelurahan=data["kelurahan"],
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            reporter_name=data["reporter_name"],
            reporter_email=data.get("reporter_email", ""),
            reporter_phone=data.get("reporter_phone", ""),
            reporter_nik=data.get("reporter_nik", ""),
            hide_name=data.get("hide_name", False),
            is_private=data.get("is_private", False),
            consent_at=now,
            language=language,
            source=source,
            # No agency yet: the desk checks first and assigns (the category's default agency
            # only pre-fills its choice).
            agency=None,
            created_at=now,
            first_response_due=add_working_days(now, settings.COMPLAINT_FIRST_RESPONSE_DAYS),
            resolution_due=add_working_days(now, category.resolution_days),
        )
        complaint.full_clean(exclude=["reference", "access_token_hash"])
        complaint.save()
        complaint.events.create(
            kind=ComplaintEvent.Kind.CREATED,
            to_status=complaint.status,
            is_public=True,
            by_citizen=True,
            created_at=now,
        )
        store_attachments(complaint, uploads, by_citizen=True)
        link = base_url + tracking_path(complaint, token)
        notify(
            "complaints/email/submitted",
            [complaint.reporter_email],
            {
                "reference": complaint.reference,
                "title": complaint.title,
                "link": link,
                "code": token,
                "due": timezone.localtime(complaint.first_response_due).strftime("%d-%m-%Y"),
            },
            language,
            phones=[complaint.reporter_phone],
        )
        notify_handlers(complaint, "complaints/email/new_for_staff", base_url)
    return Submission(complaint, token)


def notify_handlers(complaint: Complaint, template: str, base_url: str = "") -> None:
    """Tell the people handling a complaint now: its agency's staff once assigned, else the desk."""
    if complaint.agency_id is None:
        emails = case_supervisor_emails()
    else:
        emails = agency_staff_emails(complaint.agency_id)
    admin_link = base_url + reverse("complaints_admin:inspect", args=[complaint.pk])
    notify(
        template,
        emails,
        {"reference": complaint.reference, "title": complaint.title, "link": admin_link},
        "id",
    )


def perform_action(
    complaint: Complaint,
    name: str,
    user,
    *,
    note: str = "",
    is_public: bool | None = None,
    base_url: str = "",
    **options,
) -> ComplaintEvent:
    """Apply workflow action ``name`` and tell those concerned.

    The reporter hears of every status change (with the note only if it is addressed to them);
    an agency hears of a complaint when it is assigned or handed over to it.
    """
    from .notifications import notify_status_change
    from .workflow import COMPLAINT_WORKFLOW

    previous_agency_id = complaint.agency_id
    event = COMPLAINT_WORKFLOW.apply(complaint, name, user, note=note, is_public=is_public, **options)
    notify_status_change(complaint, event)
    if complaint.agency_id is not None and complaint.agency_id != previous_agency_id:
        notify_handlers(complaint, "complaints/email/assigned", base_url)
    elif event.by_citizen:
        notify_handlers(complaint, "complaints/email/citizen_message", base_url)
    return event


def edit_public_wording(complaint: Complaint, user, *, title: str, description: str) -> ComplaintEvent:
    """The desk rewords what the public reads (e.g. to take out personal details).

    The citizen's own text stays for staff and the reporter; the change is an internal history
    line saying what the public now reads.
    """
    if not is_case_supervisor(user):
        raise PermissionDenied
    title, description = title.strip(), description.strip()
    if not title or not description:
        raise ValidationError(_("Give both the public subject and the public description."))
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        locked.public_title = "" if title == locked.title else title
        locked.public_description = "" if description == locked.description else description
        locked.save(update_fields=["public_title", "public_description", "updated_at"])
        event = locked.events.create(
            kind=ComplaintEvent.Kind.PUBLIC_WORDING,
            note=f"{locked.published_title}\n\n{locked.published_description}",
            is_public=False,
            actor=user,
        )
        log(instance=locked, action=PUBLIC_WORDING_ACTION, user=user)
    complaint.public_title, complaint.public_description = locked.public_title, locked.public_description
    return event


def add_citizen_message(complaint: Complaint, text: str, uploads: list[CheckedUpload]) -> ComplaintEvent:
    """The reporter adds information or replies on the tracking page."""
    if complaint.status in (Complaint.Status.CLOSED, Complaint.Status.REJECTED):
        raise ValidationError(_("This complaint is finished; you can no longer add messages."))
    with transaction.atomic():
        event = complaint.events.create(
            kind=ComplaintEvent.Kind.CITIZEN, note=text.strip(), is_public=True, by_citizen=True
        )
        store_attachments(complaint, uploads, by_citizen=True)
        Complaint.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
        notify_handlers(complaint, "complaints/email/citizen_message")
    return event


def add_staff_message(complaint: Complaint, user, text: str, *, public: bool) -> ComplaintEvent:
    """A reply shown to the reporter (``public``) or an internal note for staff only."""
    if not can_see_case(user, complaint):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"note": _("Write a message.")})
    kind = ComplaintEvent.Kind.REPLY if public else ComplaintEvent.Kind.NOTE
    with transaction.atomic():
        event = complaint.events.create(kind=kind, note=text.strip(), is_public=public, actor=user)
        if public and complaint.first_responded_at is None:
            complaint.first_responded_at = event.created_at
            complaint.save(update_fields=["first_responded_at", "updated_at"])
        if public:
            notify(
                "complaints/email/reply",
                [complaint.reporter_email],
                {"reference": complaint.reference, "title": complaint.title, "message": event.note},
                complaint.language,
                phones=[complaint.reporter_phone],
            )
    return event


def rate_complaint(complaint: Complaint, score: int, comment: str = "") -> ComplaintEvent:
    """The reporter rates the handling (1–5) once the complaint is resolved."""
    if not complaint.can_be_rated():
        raise ValidationError(_("This complaint cannot be rated now."))
    if not 1 <= score <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    with transaction.atomic():
        complaint.rating = score
        complaint.rating_comment = comment.strip()
        complaint.rated_at = timezone.now()
        complaint.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
        return complaint.events.create(
            kind=ComplaintEvent.Kind.RATING, note=comment.strip(), is_public=True, by_citizen=True
        )
