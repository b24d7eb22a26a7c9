"""Public views of e-sippadu, called by ``PermitPage``'s routes, and the verification page.

Thin on purpose: forms validate, ``services`` decides and writes, the view renders. A browser
proves access to an application once (number and access code, typed or from the private link
whose code travels after ``#``, never to the server in a URL); the session then remembers it.
Pages that show an application send ``Cache-Control: no-store``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from smartcity.core.antispam import SubmissionLimits, submit_once
from smartcity.core.case_access import CaseAccess, no_store
from smartcity.core.forms import add_service_errors
from smartcity.core.receipts import Receipt, receipt_response
from smartcity.core.workflow import CITIZEN

from . import services
from . import statistics as permit_statistics
from .forms import ApplicationForm, DocumentsForm, EligibilityForm, ReuseForm, SurveyForm, TrackForm
from .models import Permit, PermitApplication, PermitType, RequirementUpload
from .pdf import permit_pdf

# The applicant's proven access to their applications (see the module docstring).
APPLICATION_ACCESS = CaseAccess(PermitApplication, "permit_access", "permits", TrackForm)
FORM_LIMITS = SubmissionLimits(scope="permits", attempts_per_ip="60/h", per_ip="20/h", per_contact="10/h")
VERIFY_RATE = "60/m"


def _types():
    return PermitType.objects.open().select_related("agency").prefetch_related("requirements")


# --- The catalogue ------------------------------------------------------------------------------


def catalogue(request, page):
    return page.render(
        request, template="permits/catalogue.html", context_overrides={"permit_types": _types()}
    )


def type_detail(request, page, slug):
    permit_type = get_object_or_404(_types(), slug=slug)
    return page.render(
        request, template="permits/type_detail.html", context_overrides={"permit_type": permit_type}
    )


def eligibility(request, page):
    """A few questions (GET, nothing stored): which types fit and which documents to prepare."""
    types = list(_types())
    form = EligibilityForm(request.GET or None, permit_types=types)
    context = {"form": form, "checked": False}
    if request.GET and form.is_valid():
        context.update(checked=True, matches=form.matches(), excluded=form.excluded())
    return page.render(request, template="permits/eligibility.html", context_overrides=context)


def statistics(request, page):
    context = {"rows": permit_statistics.monthly_statistics()}
    return page.render(request, template="permits/statistics.html", context_overrides=context)


# --- Applying -----------------------------------------------------------------------------------


def apply(request, page, slug):
    """The applicant and the type's questions: stored as a draft, then documents and submission."""
    permit_type = get_object_or_404(_types(), slug=slug)
    status, limited = 200, False
    if request.method == "POST":
        form = ApplicationForm(request.POST, permit_type=permit_type)
        tokens = {}

        def store(data):
            result = services.start_draft(
                permit_type, form.applicant_data(), answers=form.answers(), language=request.LANGUAGE_CODE
            )
            tokens[result.application.pk] = result.token
            return result.application

        outcome = submit_once(request, form, FORM_LIMITS, store, contacts=lambda: form.contacts)
        if outcome.result is not None:
            application = outcome.result
            url = page.subpage_path("application", code=application.reference)
            return APPLICATION_ACCESS.after_filing(request, application, tokens.get(application.pk), url)
        status, limited = (outcome.status if outcome.status != 200 else 400), outcome.limited
    else:
        form = ApplicationForm(permit_type=permit_type)
    response = page.render(
        request,
        template="permits/apply.html",
        context_overrides={"permit_type": permit_type, "form": form, "limited": limited},
    )
    response.status_code = status
    return no_store(response)


def _own_application(request, code: str) -> PermitApplication:
    applications = PermitApplication.objects.select_related("permit_type__agency")
    return APPLICATION_ACCESS.own_or_404(request, code.upper(), applications)


def _private_link(request, page, application, token) -> str:
    return request.build_absolute_uri(page.subpage_path("track")) + f"#{application.reference}.{token}"


def open_application(request, page):
    """Number and access code open the application in this browser (POST only)."""
    return APPLICATION_ACCESS.open_view(
        request,
        page,
        template="permits/track.html",
        case_url=lambda application: page.subpage_path("application", code=application.reference),
    )


def application_detail(request, page, code):
    """The application: documents and submission while editable, the timeline always."""
    application = _own_application(request, code)
    token = APPLICATION_ACCESS.new_code(request, application)
    status = 200
    documents_form = reuse_form = earlier_form = None
    if application.is_editable_by_applicant:
        documents_form = DocumentsForm(application=application)
        if any(r.reusable for r in application.permit_type.requirements.all()):
            reuse_form = _reuse_form(request, application)
            earlier_form = TrackForm(prefix="earlier")
    if request.method == "POST":
        if is_ratelimited(request, group="permits:documents", key="ip", rate="60/h", increment=True):
            raise PermissionDenied
        action = request.POST.get("action", "")
        link = _private_link(request, page, application, token) if token else ""
        if action == "upload" and application.is_editable_by_applicant:
            documents_form = DocumentsForm(request.POST, request.FILES, application=application)
            if documents_form.is_valid():
                try:
                    services.attach_documents(application, documents_form.documents)
                except ValidationError as error:
                    add_service_errors(documents_form, error)
                else:
                    messages.success(request, _("Your documents have been saved."))
                    return redirect(page.subpage_path("application", code=application.reference))
            status = 400
        elif action == "reuse" and reuse_form is not None:
            reuse_form = _reuse_form(request, application, request.POST)
            if reuse_form.is_valid() and _reuse(request, application, reuse_form):
                return redirect(page.subpage_path("application", code=application.reference))
        elif action == "open_earlier" and earlier_form is not None:
            earlier_form = TrackForm(request.POST, prefix="earlier")
            if _open_earlier(request, application, earlier_form):
                return redirect(page.subpage_path("application", code=application.reference))
        elif action in ("submit", "resubmit"):
            try:
                if application.status == PermitApplication.Status.DRAFT:
                    services.submit(application, CITIZEN, link=link)
                else:
                    services.resubmit(application, CITIZEN, link=link)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(
                    request,
                    _("Your application has been submitted with registration number %(number)s.")
                    % {"number": application.reference},
                )
                return redirect(page.subpage_path("application", code=application.reference))
        if status == 200:
            status = 400
        application.refresh_from_db()
    permit = Permit.objects.filter(application=application).first()
    context = {
        "application": application,
        "permit_type": application.permit_type,
        "documents_form": documents_form,
        "reuse_form": reuse_form,
        "earlier_form": earlier_form,
        "uploads": list(application.uploads.all()),
        "events": application.events.seen_by_citizen().select_related("actor_agency"),
        "token": token,
        "private_link": _private_link(request, page, application, token) if token else "",
        "permit": permit,
        "can_survey": application.status
        in (PermitApplication.Status.ISSUED, PermitApplication.Status.REJECTED)
        and not hasattr(application, "survey"),
    }
    response = page.render(request, template="permits/application.html", context_overrides=context)
    response.status_code = status
    return no_store(response)


def _proven_ids(request, application: PermitApplication) -> list[int]:
    return [pk for pk in APPLICATION_ACCESS.allowed_ids(request) if pk != application.pk]


def _reuse_form(request, application: PermitApplication, data=None) -> ReuseForm:
    proven = _proven_ids(request, application)
    candidates = {
        requirement: services.reusable_documents(application, requirement, proven)
        for requirement in application.permit_type.requirements.all()
        if requirement.reusable
    }
    return ReuseForm(data, candidates=candidates, prefix="reuse")


def _reuse(request, application: PermitApplication, form: ReuseForm) -> bool:
    """Copy the chosen earlier documents (each checked again by the service)."""
    chosen = form.chosen()
    if not chosen:
        form.add_error(None, _("Choose a document to reuse."))
        return False
    earlier = RequirementUpload.objects.select_related("application", "attachment").in_bulk(
        [pk for _requirement, pk in chosen]
    )
    try:
        with transaction.atomic():  # all chosen documents or none
            for requirement, pk in chosen:
                services.reuse_document(
                    application, requirement, earlier[pk], proven_ids=_proven_ids(request, application)
                )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, _("The documents of your earlier application have been copied."))
    return True


def _open_earlier(request, application: PermitApplication, form: TrackForm) -> bool:
    """Number and access code of an earlier application: its documents may then be reused."""
    if not form.is_valid():
        return False
    earlier = APPLICATION_ACCESS.attempt(request, form).case
    if earlier is None:
        return False
    messages.success(
        request,
        _("Application %(reference)s is open in this browser: its accepted documents are offered below.")
        % {"reference": earlier.reference},
    )
    return True


def application_receipt(request, page, code):
    """The receipt (core receipts) while this browser still has the access code it was given."""
    application = _own_application(request, code)
    token = APPLICATION_ACCESS.new_code(request, application)
    if not token or application.is_draft:
        raise Http404
    document = Receipt(
        heading=_("Permit application receipt"),
        issuer=application.permit_type.agency.name,
        reference=application.reference,
        access_code=token,
        tracking_url=_private_link(request, page, application, token),
        lines=[
            (_("Permit"), application.permit_type.name),
            (
                _("Expected completion"),
                application.due_at.strftime("%d-%m-%Y") if application.due_at else "-",
            ),
        ],
        instructions=_(
            "Keep the access code private: with it you follow your application and download the permit."
        ),
    )
    return receipt_response(document, f"{application.reference}.pdf")


def permit_download(request, page, code):
    application = _own_application(request, code)
    permit = Permit.objects.filter(application=application).select_related("permit_type__agency").first()
    if permit is None:
        raise Http404
    response = HttpResponse(
        permit_pdf(permit, request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="izin-{application.reference}.pdf"'
    return no_store(response)


def survey(request, page, code):
    application = _own_application(request, code)
    form = SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_satisfaction(application, form.scores(), form.cleaned_data["suggestion"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you for your answers."))
                return redirect(page.subpage_path("application", code=application.reference))
        status = 400
    response = page.render(
        request, template="permits/survey.html", context_overrides={"application": application, "form": form}
    )
    response.status_code = status
    return no_store(response)


# --- Verification (not a page route: the QR code's address must never change) ------------------


def verify(request, code):
    """Whether a permit is genuine and valid, expired or revoked; only the holder's name."""
    if is_ratelimited(request, group="permits:verify", key="ip", rate=VERIFY_RATE, increment=True):
        return render(request, "permits/verify_limited.html", status=429)
    permit = Permit.objects.select_related("permit_type__agency").filter(verification_code=code[:64]).first()
    if permit is None:
        return render(request, "permits/verify_unknown.html", status=404)
    response = render(request, "permits/verify.html", {"permit": permit, "state": permit.state()})
    # A revocation must show at once: no shared cache may keep an earlier answer.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response
