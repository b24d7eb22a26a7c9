"""E-mail and SMS/WhatsApp to the reporter (and e-mail to the complaint's followers) when staff
change a complaint's status in a way they may see."""

from __future__ import annotations

from django.utils import translation

from smartcity.core.notifications import notify

from .models import Complaint, ComplaintEvent
from .public import notify_followers_of_status


def notify_status_change(complaint: Complaint, event: ComplaintEvent) -> None:
    """Tell the reporter about a status change, unless it was recorded as internal.

    The status name is translated into the complaint's language here, because the e-mail
    task only receives plain JSON-serialisable values.
    """
    if not event.is_public:
        return
    # Followers ("I have this problem too") hear the same public updates, while it is public.
    notify_followers_of_status(complaint, event)
    if not (complaint.reporter_email or complaint.reporter_phone):
        return
    with translation.override(complaint.language or "id"):
        status = str(Complaint.Status(event.to_status).label)
    notify(
        "complaints/email/status",
        [complaint.reporter_email],
        {
            "reference": complaint.reference,
            "title": complaint.title,
            "status": status,
            "note": event.note,
        },
        complaint.language,
        phones=[complaint.reporter_phone],
    )
