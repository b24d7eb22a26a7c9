"""Public views of the PPID, called by ``TransparencyPage``'s routes.

Thin on purpose: a form validates, ``services`` decides and writes, the view renders. Pages that
show a requester's own request send ``Cache-Control: no-store``. A browser proves access to a
request once (its number and access code, typed or from the e-mailed link whose code travels
after ``#``, never to the server in a URL); the session then remembers the request's id.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from smartcity.core import exports
from smartcity.core.antispam import SubmissionLimits, submit_once
from smartcity.core.case_access import CaseAccess, no_store
from smartcity.core.forms import add_service_errors
from smartcity.core.models import Agency
from smartcity.core.uploads import attachments_of
from smartcity.core.views import attachment_response
from smartcity.core.workflow import CITIZEN

from . import report as report_module
from . import services
from .forms import DisputeForm, InformationRequestForm, ObjectionForm, OpenRequestForm
from .models import InformationRequest, PublicInformation
from .workflow import REQUEST_WORKFLOW

LIST_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100


def _fresh(response):
    patch_cache_control(response, no_cache=True)
    return response


# --- The public information list -----------------------------------------------------------------


def _int_or_none(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 4 else None


def information_list(request, page):
    """The published entries, searchable and filterable by agency, year and class."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    agency_slug = request.GET.get("instansi", "")[:60]
    year = _int_or_none(request.GET.get("tahun", ""))
    classification = request.GET.get("klasifikasi", "")
    if classification not in PublicInformation.Classification.values:
        classification = ""
    entries = PublicInformation.objects.published().select_related("agency", "document", "page")
    if query:
        for word in query.split()[:8]:
            entries = entries.filter(title__icontains=word) | entries.filter(summary__icontains=word)
    if agency_slug:
        entries = entries.filter(agency__slug=agency_slug)
    if year:
        entries = entries.filter(year=year)
    if classification:
        entries = entries.filter(classification=classification)
    paginator = Paginator(entries.order_by("agency__name", "-year", "title", "pk"), LIST_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("halaman"))
    published = PublicInformation.objects.published()
    context = {
        "entries": page_obj,
        "page_obj": page_obj,
        "query": query,
        "agencies": Agency.objects.filter(pk__in=published.values("agency_id")).order_by("name"),
        "years": sorted(set(published.values_list("year", flat=True)), reverse=True),
        "classifications": PublicInformation.Classification.choices,
        "chosen": {"instansi": agency_slug, "tahun": year, "klasifikasi": classification},
        "filtered": bool(query or agency_slug or year or classification),
        "filter_query": urlencode(
            {
                k: v
                for k, v in {
                    "q": query,
                    "instansi": agency_slug,
                    "tahun": year or "",
                    "klasifikasi": classification,
                }.items()
                if v
            }
        ),
    }
    return _fresh(
        page.render(request, template="transparency/information_list.html", context_overrides=context)
    )


# --- The information request --------------------------------------------------------------------

FORM_LIMITS = SubmissionLimits(scope="ppid-request", attempts_per_ip="30/h", per_ip="10/h", per_contact="5/h")
# The requester's proven access to their requests (see the module docstring).
REQUEST_ACCESS = CaseAccess(InformationRequest, "ppid_access", "ppid", OpenRequestForm)


def request_form(request, page):
    """GET shows the form; POST registers the request once (core ``submit_once``) and redirects
    to it, or keeps everything typed (except the file) and says what to fix."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status, limited = 200, False
    if request.method == "POST":
        form = InformationRequestForm(request.POST, request.FILES)
        issued = {}

        def store(data: dict) -> InformationRequest:
            result = services.submit_request(
                agency=data["agency"],
                data=form.request_data(),
                id_card=data["id_card"][0],
                language=request.LANGUAGE_CODE,
                tracking_link_base=request.build_absolute_uri(page.subpage_path("track")),
            )
            issued[result.request.pk] = result.token
            return result.request

        outcome = submit_once(request, form, FORM_LIMITS, store, contacts=lambda: form.contacts)
        if outcome.result is not None:
            info_request = outcome.result
            url = page.subpage_path("track_request", reference=info_request.reference)
            return REQUEST_ACCESS.after_filing(request, info_request, issued.get(info_request.pk), url)
        status, limited = outcome.status, outcome.limited
        if status == 200:
            status = 400
    else:
        form = InformationRequestForm(initial={"agency": request.GET.get("instansi") or None})
        if request.GET.get("instansi"):
            agency = Agency.objects.active().filter(slug=request.GET["instansi"][:60]).first()
            form.initial["agency"] = agency.pk if agency else None
    response = page.render(
        request,
        template="transparency/request_form.html",
        context_overrides={"form": form, "limited": limited},
    )
    response.status_code = status
    return no_store(response)


# --- The requester's own request -----------------------------------------------------------------


def _own_request(request, reference: str) -> InformationRequest:
    requests = InformationRequest.objects.select_related("agency", "forwarded_from")
    return REQUEST_ACCESS.own_or_404(request, reference.upper()[:20], requests)


def open_request(request, page):
    """The number and access code open the request in this browser (POST only: no code in URLs)."""
    return REQUEST_ACCESS.open_view(
        request,
        page,
        template="transparency/track_form.html",
        case_url=lambda found: page.subpage_path("track_request", reference=found.reference),
    )


def track_request(request, page, reference):
    """The request: timeline, working days waited and left, the answer and its files, and what
    the requester may do next (object; take the dispute to the Information Commission)."""
    info_request = _own_request(request, reference)
    now = timezone.now()
    token = REQUEST_ACCESS.new_code(request, info_request)
    objection = info_request.objection_record
    context = {
        "info_request": info_request,
        "events": info_request.public_events(),
        "files": attachments_of(info_request).filter(by_citizen=False),
        "token": token,
        "tracking_link": request.build_absolute_uri(page.subpage_path("track"))
        + f"#{info_request.reference}.{token}"
        if token
        else "",
        "days_waited": info_request.working_days_waited(now),
        "days_left": info_request.working_days_left(now),
        "overdue": info_request.is_overdue(now),
        "may_object": REQUEST_WORKFLOW.can(info_request, CITIZEN, "object"),
        "objection_deadline": info_request.objection_deadline(),
        "objection": objection,
        "objection_days_left": objection.working_days_left(now) if objection else None,
        "may_record_dispute": REQUEST_WORKFLOW.can(info_request, CITIZEN, "record_dispute"),
        "commission_deadline": objection.commission_deadline() if objection else None,
    }
    return no_store(
        page.render(request, template="transparency/track_request.html", context_overrides=context)
    )


def answer_file(request, page, reference, uuid):
    """A file of the agency's answer, to the browser that opened the request."""
    info_request = _own_request(request, reference)
    attachment = attachments_of(info_request).filter(uuid=uuid, by_citizen=False).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment, info_request)


def objection_form(request, page, reference):
    """The objection to the superior officer, while the law allows it."""
    info_request = _own_request(request, reference)
    if not REQUEST_WORKFLOW.can(info_request, CITIZEN, "object"):
        messages.error(request, _("An objection is not possible for this request now."))
        return no_store(redirect(page.subpage_path("track_request", reference=info_request.reference)))
    status = 200
    form = ObjectionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.file_objection(
                    info_request, form.cleaned_data["ground"], form.cleaned_data["case_position"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your objection has been registered."))
                return no_store(
                    redirect(page.subpage_path("track_request", reference=info_request.reference))
                )
        status = 400
    response = page.render(
        request,
        template="transparency/citizen_form.html",
        context_overrides={
            "info_request": info_request,
            "form": form,
            "heading": _("Object to the superior officer"),
            "action": page.subpage_path("objection", reference=info_request.reference),
            "submit_label": _("Send the objection"),
            "deadline": info_request.objection_deadline(),
        },
    )
    response.status_code = status
    return no_store(response)


def dispute_form(request, page, reference):
    """The requester records that they took the dispute to the Information Commission."""
    info_request = _own_request(request, reference)
    if not REQUEST_WORKFLOW.can(info_request, CITIZEN, "record_dispute"):
        return no_store(redirect(page.subpage_path("track_request", reference=info_request.reference)))
    status = 200
    form = DisputeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_dispute(
                    info_request, form.cleaned_data["filed_on"], form.cleaned_data["reference"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("We have noted that you took the dispute to the Information Commission.")
                )
                return no_store(
                    redirect(page.subpage_path("track_request", reference=info_request.reference))
                )
        status = 400
    response = page.render(
        request,
        template="transparency/citizen_form.html",
        context_overrides={
            "info_request": info_request,
            "form": form,
            "heading": _("Record your dispute at the Information Commission"),
            "action": page.subpage_path("dispute", reference=info_request.reference),
            "submit_label": _("Record the dispute"),
            "deadline": None,
        },
    )
    response.status_code = status
    return no_store(response)


# --- The yearly report ----------------------------------------------------------------------------

EXPORTS = {"csv": report_module.as_csv, "xlsx": report_module.as_xlsx, "json": report_module.as_json}


def report_index(request, page):
    years = report_module.report_years()
    if not years:
        years = [timezone.localdate().year]
    return redirect(page.subpage_path("report", year=years[0]))


def report(request, page, year):
    if not 2000 <= year <= 2100:
        raise Http404
    context = {
        "report": report_module.yearly_report(year),
        "years": report_module.report_years(),
        "year": year,
        "formats": list(EXPORTS),
    }
    return _fresh(page.render(request, template="transparency/report.html", context_overrides=context))


def report_export(request, page, year, fmt):
    if fmt not in EXPORTS or not 2000 <= year <= 2100:
        raise Http404
    body = EXPORTS[fmt](report_module.yearly_report(year))
    return _fresh(exports.download_response(body, fmt, f"laporan-ppid-{year}"))
