"""Serving case attachments to staff who may see the case.

Citizens download through their service's tracking page, in the session that opened the case
(e.g. ``ComplaintPage``'s ``track_attachment`` route): an access code never appears in a URL.
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .access import can_see_case
from .models import Attachment


@require_GET
def download_attachment(request, uuid):
    """Send an attachment as a download with a server-generated name, to staff of the case."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), uuid=uuid)
    case = attachment.case
    if case is None:
        raise Http404
    if not (request.user.is_authenticated and can_see_case(request.user, case)):
        raise PermissionDenied
    return attachment_response(attachment, case)


def attachment_response(attachment: Attachment, case) -> FileResponse:
    """The file as a download named after the case (never the citizen's own file name)."""
    extension = attachment.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{case.reference}-{attachment.pk}.{extension}",
        content_type=attachment.mime_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
