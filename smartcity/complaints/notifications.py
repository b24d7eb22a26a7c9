"""E-mail and SMS/WhatsApp to the reporter (and e-mail or SMS to the complaint's followers) when staff
change a complaint's status in a way they may see."""

from __future__ import annotations

from django.utils import translation

from smartcity.core.notifications import notify

from .models import Complaint, ComplaintEvent
from .public import notify_followers_of_status


def notify_status_change(complaint: Complaint, event: ComplaintEvent) -> None:
    """Tell the reporter about a status change made by staff; the note only if it is addressed
    to them (an internal note stays internal).

    The status name is translated into the complaint's language here, because the e-mail
    task only receives plain JSON-serialisable values.
    """
    if event.by_citizen:
        return
    # Followers ("I have this problem too") hear the same updates while the complaint is public.
    notify_followers_of_status(complaint, event)
    if not (complaint.reporter_email or complaint.reporter_phone):
        return
    with translation.override(complaint.language or "id"):
        status = str(event.to_status_label)
    notify(
        "complaints/email/status",
        [complaint.reporter_email],
        {
            "reference": complaint.reference,
            "title": complaint.title,
            "status": status,
            "note": event.note_for_citizen,
        },
        complaint.language,
        phones=[complaint.reporter_phone],
    )
