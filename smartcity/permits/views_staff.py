"""Staff screens for one permit application in the Wagtail admin, the counter and the workload.

* The case file (``permits_admin:inspect``): the application, its documents, the site survey, the
  permit and the full history. Applicant data (NIK, contacts, address, documents) only for the
  staff who process it (``roles.can_see_applicant``); the Inspectorate reads the handling.
* Its action forms post to ``permits_admin:action``: each role sees only the transitions of its
  own step (``workflow.APPLICATION_WORKFLOW.available``), the technical reviewer also the site
  survey forms, a head of agency the revocation of the permit.
* The counter (``permits_admin:counter``): front office files an application for a walk-in
  applicant through ``services.file_at_counter``.
* The workload (``permits_admin:workload``): per stage, how many wait, how many are overdue or due
  soon, and the Inspectorate's overdue alerts.

Views only validate input and call ``services``; the rules live in the workflow and services.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from smartcity.core.access import agency_ids_for, is_case_supervisor
from smartcity.core.personal_data import mask_nik
from smartcity.core.uploads import AttachmentsField, attachments_of
from smartcity.core.workflow import TransitionNotAllowed
from smartcity.core.working_days import WIB, add_working_days

from . import services
from .forms import ApplicantForm, DocumentsForm
from .models import Permit, PermitApplication, PermitApplicationEvent, PermitType
from .roles import (
    DECISION_MAKERS,
    FRONT_OFFICE,
    can_see_applicant,
    can_see_application,
    has_role,
    visible_applications,
)
from .workflow import APPLICATION_WORKFLOW, STAFF_ACTIONS, STAGES

S = PermitApplication.Status
VIEW_PERMISSION = "permits.view_permitapplication"


def _no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- Forms -------------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """The note one transition needs: what is missing (return), the reason (reject), or a remark."""

    def __init__(self, name: str, *args, **kwargs):
        kwargs.setdefault("prefix", name)
        super().__init__(*args, **kwargs)
        self.name = name
        if name == "return":
            self.fields["note"] = forms.CharField(
                label=gettext_lazy("What is missing"),
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=gettext_lazy(
                    "One item per line. The applicant reads this list and fixes it through the private link; "
                    "the service-level clock stops until they resubmit."
                ),
            )
        elif name == "reject":
            self.fields["note"] = forms.CharField(
                label=gettext_lazy("Reason for the rejection"),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=gettext_lazy("Sent to the applicant."),
            )
        elif name != "issue":
            self.fields["note"] = forms.CharField(
                label=gettext_lazy("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=gettext_lazy("Optional; for staff only."),
            )


class SurveyScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label=gettext_lazy("Date and time (WIB)"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the applicant"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "survey")
        super().__init__(*args, **kwargs)

    def clean_when(self):
        when = self.cleaned_data["when"]
        if timezone.is_naive(when):
            when = when.replace(tzinfo=WIB)
        if when < timezone.now():
            raise ValidationError(_("Choose a time in the future."))
        return when


class SurveyReportForm(forms.Form):
    report = forms.CharField(
        label=gettext_lazy("Site survey report"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = AttachmentsField(
        label=gettext_lazy("Report files and photos"),
        help_text=gettext_lazy("Optional: the signed report (PDF) and photos."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "report")
        super().__init__(*args, **kwargs)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking the permit"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown on the public verification page and in the applicant's timeline."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "revoke")
        super().__init__(*args, **kwargs)


class CounterApplicantForm(ApplicantForm):
    """The applicant at the counter: the public form's fields and checks, without the anti-spam."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "The applicant agrees that their data is processed to handle this application."
        )


# --- The case file -----------------------------------------------------------------------------


def may_survey(user, application) -> bool:
    return application.status == S.REVIEW and APPLICATION_WORKFLOW.can(application, user, "recommend")


def may_revoke(user, permit: Permit | None) -> bool:
    return bool(
        permit
        and not permit.revoked_at
        and has_role(user, DECISION_MAKERS)
        and user.has_perm("permits.change_permit")
        and APPLICATION_WORKFLOW.transitions["issue"].allowed(user, permit.application)
    )


class ApplicationInspectView(InspectView):
    """The case file; 403 to staff who may not see the application; never cached."""

    any_permission_required = ["view"]
    template_name = "permits/admin/inspect.html"

    def get_object(self, queryset=None):
        application = get_object_or_404(
            PermitApplication.objects.select_related(
                "permit_type__agency", "verified_by", "reviewed_by", "decided_by"
            ),
            pk=self.pk,
        )
        if not can_see_application(self.request.user, application):
            raise PermissionDenied
        return application

    def get_page_title(self):
        return self.object.reference

    def get_page_subtitle(self):
        return self.object.permit_type.name

    def get_fields(self):
        return []

    @cached_property
    def permit(self) -> Permit | None:
        return Permit.objects.filter(application=self.object).first()

    def get_actions(self, bound: ActionForm | None = None) -> list[dict]:
        actions = []
        for transition in APPLICATION_WORKFLOW.available(self.object, self.request.user):
            if transition.name not in STAFF_ACTIONS:
                continue
            form = bound if bound is not None and bound.name == transition.name else None
            actions.append(
                {
                    "name": transition.name,
                    "label": transition.label,
                    "form": form or ActionForm(transition.name),
                    "url": reverse("permits_admin:action", args=[self.object.pk, transition.name]),
                    "open": form is not None,
                }
            )
        return actions

    def get_history(self) -> list[dict]:
        rows = []
        for event in self.object.events.select_related("actor", "actor_agency").order_by("created_at", "pk"):
            if event.by_citizen:
                actor = _("Applicant")
            elif event.actor_id:
                name = event.actor.get_full_name() or event.actor.get_username()
                actor = f"{name} ({event.actor_agency})" if event.actor_agency_id else name
            else:
                actor = _("System")
            rows.append({"event": event, "actor": actor})
        return rows

    def get_context_data(
        self, action_form=None, survey_form=None, report_form=None, revoke_form=None, **kwargs
    ):
        context = super().get_context_data(**kwargs)
        application, user = self.object, self.request.user
        personal = can_see_applicant(user, application)
        uploads = list(application.uploads.select_related("attachment", "requirement")) if personal else []
        upload_ids = {u.attachment_id for u in uploads}
        context.update(
            {
                "application": application,
                "permit": self.permit,
                "is_overdue": application.is_overdue(),
                "show_applicant": personal,
                "masked_nik": mask_nik(application.nik),
                "answers": self.answers(),
                "uploads": uploads,
                "missing_requirements": application.missing_mandatory() if personal else [],
                "staff_files": [a for a in attachments_of(application) if a.pk not in upload_ids]
                if personal
                else [],
                "history": self.get_history(),
                "actions": self.get_actions(action_form),
                "may_survey": may_survey(user, application),
                "survey_form": survey_form or SurveyScheduleForm(),
                "report_form": report_form or SurveyReportForm(initial={"report": application.survey_report}),
                "may_revoke": may_revoke(user, self.permit),
                "revoke_form": revoke_form or RevokeForm(),
                "survey_url": reverse("permits_admin:action", args=[application.pk, "survei"]),
                "report_url": reverse("permits_admin:action", args=[application.pk, "laporan-survei"]),
                "revoke_url": reverse("permits_admin:action", args=[application.pk, "cabut"]),
            }
        )
        return context

    def answers(self) -> list[tuple[str, str]]:
        labels = {d["name"]: d["label"] for d in self.object.permit_type.field_definitions()}
        return [(labels.get(name, name), value) for name, value in self.object.answers.items() if value]

    def render_to_response(self, context, **response_kwargs):
        return _no_store(super().render_to_response(context, **response_kwargs))


class ApplicationActionView(ApplicationInspectView):
    """POST: a transition of the workflow, the site survey (schedule, report) or the revocation.

    On bad input the case file comes back with the errors; the rules (who may, from which state)
    are the workflow's and the services', checked again there."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.kwargs["action"]
        application = self.object
        handlers = {
            "survei": self._schedule_survey,
            "laporan-survei": self._record_report,
            "cabut": self._revoke,
        }
        if action in STAFF_ACTIONS:
            handler = self._transition
        elif action in handlers:
            handler = handlers[action]
        else:
            raise Http404
        try:
            response = handler(request, application, action)
        except TransitionNotAllowed as error:
            # Someone else moved the application meanwhile: show its current state.
            messages.error(request, " ".join(error.messages))
            return redirect("permits_admin:inspect", application.pk)
        if response is None:
            return redirect("permits_admin:inspect", application.pk)
        return response

    def _failed(self, **forms_):
        messages.error(self.request, _("The action could not be done. Please check the form."))
        response = self.render_to_response(self.get_context_data(**forms_))
        response.status_code = 400
        return response

    def _transition(self, request, application, action):
        if not APPLICATION_WORKFLOW.can(application, request.user, action):
            raise PermissionDenied
        form = ActionForm(action, request.POST)
        if form.is_valid():
            label = APPLICATION_WORKFLOW.transitions[action].label
            try:
                services.perform_staff_action(
                    application, action, request.user, note=form.cleaned_data.get("note", "")
                )
            except TransitionNotAllowed:
                raise
            except ValidationError as error:
                _add_errors(form, error)
            else:
                application.refresh_from_db()
                messages.success(
                    request,
                    _("%(reference)s: “%(action)s” done; the status is now “%(status)s”.")
                    % {
                        "reference": application.reference,
                        "action": label,
                        "status": application.get_status_display(),
                    },
                )
                return None
        return self._failed(action_form=form)

    def _schedule_survey(self, request, application, action):
        if not may_survey(request.user, application):
            raise PermissionDenied
        form = SurveyScheduleForm(request.POST)
        if form.is_valid():
            try:
                services.schedule_site_survey(
                    application, request.user, form.cleaned_data["when"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The site survey has been scheduled and the applicant told."))
                return None
        return self._failed(survey_form=form)

    def _record_report(self, request, application, action):
        if not may_survey(request.user, application):
            raise PermissionDenied
        form = SurveyReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.record_survey_report(
                    application, request.user, form.cleaned_data["report"], form.cleaned_data["files"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The site survey report has been saved."))
                return None
        return self._failed(report_form=form)

    def _revoke(self, request, application, action):
        if not may_revoke(request.user, self.permit):
            raise PermissionDenied
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                services.revoke_permit(self.permit, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("Permit %(number)s has been revoked.") % {"number": self.permit.number}
                )
                return None
        return self._failed(revoke_form=form)


# --- The counter (walk-in applicants) ----------------------------------------------------------


def counter_types(user):
    """The active permit types of the agencies ``user`` works the counter for."""
    types = (
        PermitType.objects.filter(is_active=True).select_related("agency").prefetch_related("requirements")
    )
    if is_case_supervisor(user):
        return types
    return types.filter(agency_id__in=agency_ids_for(user))


class CounterApplicationView(WagtailAdminTemplateMixin, TemplateView):
    """Front office files an application for someone at the counter: the type, the applicant,
    the type's questions and the documents they brought; submitted at once."""

    template_name = "permits/admin/counter.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, FRONT_OFFICE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("File an application at the counter")

    @cached_property
    def permit_type(self) -> PermitType | None:
        slug = self.request.POST.get("jenis") or self.request.GET.get("jenis")
        if not slug:
            return None
        return get_object_or_404(counter_types(self.request.user), slug=slug)

    def get(self, request, *args, **kwargs):
        return _no_store(self.render_to_response(self.get_context_data()))

    def get_context_data(self, applicant_form=None, documents_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["types"] = counter_types(self.request.user)
        context["permit_type"] = self.permit_type
        if self.permit_type:
            context["applicant_form"] = applicant_form or CounterApplicantForm(permit_type=self.permit_type)
            context["documents_form"] = documents_form or DocumentsForm(permit_type=self.permit_type)
        context["action_url"] = reverse("permits_admin:counter")
        return context

    def post(self, request, *args, **kwargs):
        permit_type = self.permit_type
        if permit_type is None:
            raise Http404
        applicant_form = CounterApplicantForm(request.POST, permit_type=permit_type)
        documents_form = DocumentsForm(request.POST, request.FILES, permit_type=permit_type)
        if applicant_form.is_valid() and documents_form.is_valid():
            try:
                result = services.file_at_counter(
                    permit_type,
                    applicant_form.applicant_data(),
                    documents_form.documents,
                    request.user,
                    answers=applicant_form.answers(),
                )
            except ValidationError as error:
                _add_errors(documents_form, error)
            else:
                return self._filed(result)
        messages.error(request, _("The application could not be filed. Please check the form."))
        response = self.render_to_response(
            self.get_context_data(applicant_form=applicant_form, documents_form=documents_form)
        )
        response.status_code = 400
        return _no_store(response)

    def _filed(self, result):
        from .models import PermitPage

        application = result.application
        page = PermitPage.current()
        tracking = page.absolute_url(page.subpage_path("track")) if page else ""
        # Rendered, not redirected: the access code must never sit in a URL, a session or a cache.
        response = TemplateResponse(
            self.request,
            "permits/admin/counter_done.html",
            {
                "application": application,
                "token": result.token,
                "tracking_url": tracking,
                "inspect_url": reverse("permits_admin:inspect", args=[application.pk]),
                "page_title": _("Application %(reference)s filed") % {"reference": application.reference},
                "header_icon": "form",
            },
        )
        return _no_store(response)


# --- Workload and deadlines ------------------------------------------------------------------


def workload(user, now: datetime.datetime | None = None) -> dict:
    """Per stage: waiting, overdue, due by the end of the next working day, oldest submission;
    plus the applications waiting for their applicants and the overdue ones (oldest first)."""
    now = now or timezone.now()
    soon = add_working_days(now, 1)
    visible = visible_applications(user, PermitApplication.objects.all())
    rows = {
        row["status"]: row
        for row in visible.filter(status__in=PermitApplication.CLOCK_RUNNING_STATES)
        .values("status")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_at__lt=now)),
            due_soon=Count("pk", filter=Q(due_at__gte=now, due_at__lte=soon)),
            oldest=Min("submitted_at"),
        )
    }
    inbox = reverse("permits_admin:index")
    stages = []
    for stage in STAGES:
        parts = [rows[s] for s in stage.statuses if s in rows]
        oldest = [p["oldest"] for p in parts if p["oldest"]]
        stages.append(
            {
                "stage": stage,
                "total": sum(p["total"] for p in parts),
                "overdue": sum(p["overdue"] for p in parts),
                "due_soon": sum(p["due_soon"] for p in parts),
                "oldest": min(oldest) if oldest else None,
                "url": f"{inbox}?stage={stage.slug}",
                "overdue_url": f"{inbox}?stage={stage.slug}&overdue=yes",
                "mine": has_role(user, stage.role),
            }
        )
    return {
        "stages": stages,
        "returned": visible.filter(status=S.RETURNED).count(),
        "returned_url": f"{inbox}?status={S.RETURNED}",
        "overdue_total": sum(row["overdue"] for row in stages),
        "overdue": list(visible.overdue(now).select_related("permit_type").order_by("due_at")[:20]),
        "alerts": list(
            PermitApplicationEvent.objects.filter(
                kind=PermitApplicationEvent.Kind.OVERDUE,
                case__in=visible,
            )
            .select_related("case")
            .order_by("-created_at")[:20]
        ),
    }


class WorkloadView(WagtailAdminTemplateMixin, TemplateView):
    """The workload and deadlines per stage, overdue applications highlighted."""

    template_name = "permits/admin/workload.html"
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Permit workload and deadlines")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(workload(self.request.user))
        context["now"] = timezone.now()
        return context

    def get(self, request, *args, **kwargs):
        return _no_store(self.render_to_response(self.get_context_data()))


def my_stages(user) -> list:
    return [stage for stage in STAGES if has_role(user, stage.role)]
