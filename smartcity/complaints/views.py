"""Public views of e-masyarakat, called by ``ComplaintPage``'s routes.

Thin on purpose: a form validates, a service in ``services.py`` (or the workflow) writes, the view
renders. Every page that shows a citizen's own complaint sends ``Cache-Control: no-store``.

Access to one's complaint without an account: the reporter proves it once with the reference
number and the access code, always in a POST (typed, or sent by ``track.js`` from the ``#`` part
of the private link, which browsers never send): the code never appears in a URL the server, a
proxy or a ``Referer`` header sees. The browser's session then remembers the complaint's id
(``complaint_access``); attachments are served through the page with the same session check.
Failed attempts are limited per address and reference; the flow is core's
(``smartcity.core.case_access``), shared with the other services.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartcity.core import followers
from smartcity.core.antispam import SubmissionLimits, submission_limited, submit_once
from smartcity.core.case_access import CaseAccess, no_store
from smartcity.core.receipts import Receipt, qr_svg, receipt_response
from smartcity.core.uploads import attachments_of
from smartcity.core.views import attachment_response

from . import services
from .forms import (
    CitizenMessageForm,
    ComplaintForm,
    PublicListFilterForm,
    RatingForm,
    ReopenForm,
    TrackingForm,
)
from .models import REOPEN_WINDOW, Complaint
from .public import public_point
from .statistics import compute_statistics
from .views_public import map_context
from .workflow import CITIZEN, COMPLAINT_WORKFLOW

ACCESS_SESSION_KEY = "complaint_access"
RECEIPT_SESSION_KEY = "complaint_receipt"
RECEIPT_WINDOW = datetime.timedelta(hours=1)
ATTACH_AGAIN = gettext_lazy(
    "Your attachments were not kept: for your safety, browsers do not keep chosen files when a "
    "form is shown again. Please attach the files again before sending."
)
MESSAGES_PER_IP = "30/h"
LIST_PER_PAGE = 20
# Map points are rounded to 3 decimals (about 110 m) on public pages: a precise point can
# identify a reporter's house; the staff screens keep the exact point.
MAP_MAX_POINTS = 500
MAP_LISTED_POINTS = 20
# The reporter's proven access to their complaints (see the module docstring).
COMPLAINT_ACCESS = CaseAccess(Complaint, ACCESS_SESSION_KEY, "complaints", TrackingForm)


def _fresh(response):
    """Lists and statistics change with every complaint and every staff decision (a complaint
    made private, spam rejected): never kept by the site's page cache."""
    patch_cache_control(response, no_cache=True)
    return response


# --- Filing a complaint ------------------------------------------------------------------------

# Every post counts against the attempts; accepted complaints against the other two.
FORM_LIMITS = SubmissionLimits("complaints", attempts_per_ip="30/h", per_ip="10/h", per_contact="5/h")


def complaint_form(request, page):
    """GET shows the form; POST checks and stores it once, then redirects to the confirmation."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status = 200
    limited = False
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES)
        issued_tokens = {}

        def store(data: dict) -> Complaint:
            data = dict(data)
            uploads = data.pop("attachments")
            submission = services.submit_complaint(
                data=data,
                uploads=uploads,
                language=request.LANGUAGE_CODE,
                base_url=request.build_absolute_uri("/")[:-1],
            )
            issued_tokens[submission.complaint.pk] = submission.token
            return submission.complaint

        outcome = submit_once(request, form, FORM_LIMITS, store, contacts=lambda: form.contacts)
        if outcome.result is not None:
            complaint = outcome.result
            COMPLAINT_ACCESS.grant(request, complaint)
            if complaint.pk in issued_tokens:  # a repeated post keeps what the first remembered
                _remember_receipt(request, complaint, issued_tokens[complaint.pk])
            # 303: the browser follows with a GET, so reloading the confirmation sends nothing.
            url = page.confirmation_url(complaint.reference)
            response = redirect(f"{url}?ulang=1" if outcome.repeated else url)
            response.status_code = 303
            return no_store(response)
        status, limited = outcome.status, outcome.limited
    else:
        form = ComplaintForm()
    response = page.render(
        request,
        template="complaints/complaint_page.html",
        context_overrides={
            "form": form,
            "limited": limited,
            # Browsers never re-fill file inputs: say so, next to the other problems.
            "extra_problems": [ATTACH_AGAIN]
            if request.method == "POST" and request.FILES.getlist("attachments")
            else [],
            **map_context(),
        },
    )
    response.status_code = status
    # Each rendering carries its own one-time stamp: no shared cache may keep the page.
    patch_cache_control(response, private=True)
    return response


def confirmation(request, page, reference: str):
    """The confirmation of a complaint this browser has sent: what it shows comes from the
    session only (the access code for ``RECEIPT_WINDOW``, see ``_confirmation_context``)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    complaint = _complaint_for_session(request, page, reference)
    if complaint is None:
        return no_store(redirect(page.form_url()))
    context = _confirmation_context(request, page, complaint)
    if not context["access_code"] and "ulang" not in request.GET:
        # Past the receipt window the case page serves this browser better.
        return no_store(redirect(page.case_url(complaint.reference)))
    response = page.render(
        request,
        template="complaints/confirmation.html",
        context_overrides=context,
    )
    return no_store(response)


# --- Confirmation and receipt ----------------------------------------------------------------------
# The access code exists in clear only until the citizen has it: the database keeps its digest,
# and this session keeps it for RECEIPT_WINDOW so that the confirmation page and the receipt can
# show it (reloaded, printed, downloaded again), then forgets it.


def _remember_receipt(request, complaint: Complaint, code: str) -> None:
    request.session[RECEIPT_SESSION_KEY] = {
        "pk": complaint.pk,
        "code": code,
        "until": (timezone.now() + RECEIPT_WINDOW).timestamp(),
    }


def _receipt_code(request, complaint: Complaint) -> str | None:
    """The access code of ``complaint`` if this browser filed it within RECEIPT_WINDOW."""
    stored = request.session.get(RECEIPT_SESSION_KEY) or {}
    if stored.get("pk") != complaint.pk or stored.get("until", 0) < timezone.now().timestamp():
        return None
    return stored.get("code")


def _confirmation_context(request, page, complaint: Complaint) -> dict:
    """What the confirmation page shows: the reference, the short code, the private link (also
    as a QR code) and the receipt. Call it from whichever view renders the confirmation."""
    code = _receipt_code(request, complaint)
    tracking_link = request.build_absolute_uri(services.tracking_path(complaint, code)) if code else ""
    return {
        "complaint": complaint,
        "access_code": code,
        "tracking_link": tracking_link,
        "tracking_qr": qr_svg(tracking_link, _("QR code of your private tracking link")) if code else "",
        "receipt_url": page.subpage_path("track_receipt", reference=complaint.reference) if code else "",
        "emailed": bool(complaint.reporter_email),
        "texted": bool(complaint.reporter_phone),
    }


def receipt(request, page, reference: str):
    """The PDF receipt of a complaint this browser has just filed (see RECEIPT_WINDOW)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    complaint = _complaint_for_session(request, page, reference)
    code = _receipt_code(request, complaint) if complaint is not None else None
    if code is None:
        messages.info(
            request, _("The receipt can only be downloaded shortly after sending, in the same browser.")
        )
        return no_store(redirect(page.tracking_url()))
    tracking_link = request.build_absolute_uri(services.tracking_path(complaint, code))
    site = page.get_site()
    heading = (
        _("Aspiration receipt") if complaint.kind == Complaint.Kind.ASPIRATION else _("Complaint receipt")
    )
    document = Receipt(
        heading=heading,
        issuer=f"{site.site_name if site else settings.WAGTAIL_SITE_NAME} · {page.title}",
        reference=complaint.reference,
        access_code=code,
        tracking_url=tracking_link,
        lines=[
            (_("Category"), complaint.category.name),
            (_("Kelurahan"), complaint.kelurahan.name),
            (_("Received"), timezone.localtime(complaint.created_at).strftime("%d-%m-%Y %H:%M WIB")),
            (_("First response due"), timezone.localtime(complaint.first_response_due).strftime("%d-%m-%Y")),
        ],
        instructions=_(
            "Keep this receipt and do not share the access code. To follow your complaint, scan "
            "the QR code or open the link; if asked, enter the reference number and the access "
            "code (capitals and hyphens do not matter)."
        ),
    )
    return receipt_response(document, f"{complaint.reference}.pdf")


# --- Tracking ------------------------------------------------------------------------------------


def track(request, page):
    """Reference + access code, always POSTed: typed, or sent by ``track.js`` from the private
    link's ``#`` part. A code in the query string is ignored, so it never becomes a habit that
    fills access logs."""
    return COMPLAINT_ACCESS.open_view(
        request,
        page,
        template="complaints/track_form.html",
        case_url=lambda complaint: page.case_url(complaint.reference),
        context=lambda: {"opened": _opened_complaints(request)},
        invalid_status=200,
    )


def _opened_complaints(request) -> list[Complaint]:
    return list(COMPLAINT_ACCESS.opened(request).only("reference", "title", "status"))


def forget_access(request, page):
    """Let a shared computer forget the complaints opened in this browser."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    COMPLAINT_ACCESS.forget(request)
    request.session.pop(RECEIPT_SESSION_KEY, None)
    request.session.cycle_key()
    messages.success(request, _("This browser no longer has access to your complaints."))
    return no_store(redirect(page.tracking_url()))


def _complaint_for_session(request, page, reference: str) -> Complaint | None:
    return COMPLAINT_ACCESS.own(
        request,
        reference,
        Complaint.objects.select_related("category", "kelurahan__kecamatan", "agency"),
    )


def track_case(request, page, reference: str):
    """One complaint for the reporter: timeline, deadlines, attachments and actions."""
    complaint = _complaint_for_session(request, page, reference)
    if complaint is None:
        # The same answer whether the reference exists or not.
        messages.info(request, _("Enter your reference number and access code to open your complaint."))
        return no_store(redirect(page.tracking_url()))
    forms = {"message": None, "rate": None, "reopen": None}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        handler = _ACTIONS.get(action)
        if handler is None:
            return no_store(redirect(page.case_url(complaint.reference)))
        done, form, status = handler(request, complaint)
        if done:
            return no_store(redirect(page.case_url(complaint.reference)))
        forms[action] = form
    response = page.render(
        request,
        template="complaints/track_case.html",
        context_overrides={
            "complaint": complaint,
            "events": complaint.public_events(),
            "attachments": attachments_of(complaint),
            "message_form": forms["message"] or CitizenMessageForm(),
            "rating_form": forms["rate"] or RatingForm(),
            "reopen_form": forms["reopen"] or ReopenForm(),
            "can_write": complaint.status not in (Complaint.Status.CLOSED, Complaint.Status.REJECTED),
            "can_reopen": COMPLAINT_WORKFLOW.can(complaint, CITIZEN, "reopen"),
            "reopen_until": complaint.resolved_at + REOPEN_WINDOW if complaint.resolved_at else None,
        },
    )
    response.status_code = status
    return no_store(response)


def _action_message(request, complaint):
    form = CitizenMessageForm(request.POST, request.FILES)
    if submission_limited(request, "complaint-messages", [], per_ip=MESSAGES_PER_IP, per_contact="1/h"):
        form.is_valid()
        form.add_error(None, _("You have sent many messages in a short time. Please try again later."))
        return False, form, 429
    if not form.is_valid():
        return False, form, 200
    try:
        services.add_citizen_message(
            complaint, form.cleaned_data["message"], form.cleaned_data["attachments"]
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False, form, 200
    messages.success(request, _("Thank you. Your message has been added to the complaint."))
    return True, form, 200


def _action_rate(request, complaint):
    form = RatingForm(request.POST)
    if not form.is_valid():
        return False, form, 200
    try:
        services.rate_complaint(complaint, form.cleaned_data["rating"], form.cleaned_data["comment"])
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False, form, 200
    messages.success(request, _("Thank you for rating the handling of your complaint."))
    return True, form, 200


def _action_reopen(request, complaint):
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return False, form, 200
    try:
        services.perform_action(
            complaint,
            "reopen",
            CITIZEN,
            note=form.cleaned_data["reason"],
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except (ValidationError, PermissionDenied):
        form.add_error(
            None,
            _(
                "This complaint can no longer be reopened: reopening is possible "
                "within 14 days of the resolution."
            ),
        )
        return False, form, 200
    messages.success(request, _("Your complaint has been reopened and sent back to the agency."))
    return True, form, 200


_ACTIONS = {"message": _action_message, "rate": _action_rate, "reopen": _action_reopen}


def citizen_attachment(request, page, reference: str, uuid):
    """An attachment of a complaint this browser has opened, as a download."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    complaint = _complaint_for_session(request, page, reference)
    if complaint is None:
        raise PermissionDenied
    attachment = attachments_of(complaint).filter(uuid=uuid).first()
    if attachment is None:
        raise Http404
    return no_store(attachment_response(attachment, complaint))


# --- Public list, map and statistics -------------------------------------------------------------


def public_list(request, page):
    """Public complaints only, without personal data; ``?tampilan=peta`` shows them on a map."""
    filter_form = PublicListFilterForm(request.GET)
    complaints = filter_form.filter(
        Complaint.objects.public()
        .select_related("category", "kelurahan__kecamatan")
        .only(
            "reference",
            "title",
            "public_title",
            "kind",
            "status",
            "created_at",
            "hide_name",
            "reporter_name",
            "latitude",
            "longitude",
            "category__name",
            "kelurahan__name",
            "kelurahan__kecamatan__name",
        )
        .annotate(follower_count=followers.confirmed_followers_count(Complaint))
    )
    query = request.GET.copy()
    query.pop("halaman", None)
    query.pop("tampilan", None)
    context = {
        "filter_form": filter_form,
        "filter_query": query.urlencode(),
        "map_view": request.GET.get("tampilan") == "peta",
    }
    if context["map_view"]:
        located = list(
            complaints.filter(latitude__isnull=False, longitude__isnull=False)[: MAP_MAX_POINTS + 1]
        )
        points = [public_point(complaint, page) for complaint in located[:MAP_MAX_POINTS]]
        context.update(
            points=points,
            # The text alternative to the map: the newest few, then the paginated list.
            points_listed=points[:MAP_LISTED_POINTS],
            map_listed_points=MAP_LISTED_POINTS,
            points_truncated=len(located) > MAP_MAX_POINTS,
            map_max_points=MAP_MAX_POINTS,
            **map_context(),
        )
    else:
        # get_page(): a bad number gives page 1, one past the end the last page.
        page_obj = Paginator(complaints, LIST_PER_PAGE).get_page(request.GET.get("halaman"))
        context["page_obj"] = page_obj
    return _fresh(page.render(request, template="complaints/public_list.html", context_overrides=context))


def statistics(request, page):
    """Counts and handling times over the complaints the desk has checked (see ``statistics.py``)."""
    return _fresh(
        page.render(
            request,
            template="complaints/statistics.html",
            context_overrides={"stats": compute_statistics()},
        )
    )
