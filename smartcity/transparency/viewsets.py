"""PPID staff screens in the Wagtail admin, under one "PPID" menu.

* The public information list: each agency's information officers add and publish entries for
  their own agency only (``smartcity.core.access``); the agency field offers only theirs.
* Information requests: the list with filters and export, the request with its history, and
  the handling screen (extend, answer, forward) through the workflow.
* The objection register: the superior officers answer objections of their agency.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from smartcity.core.access import agency_ids_for, can_see_case, visible_cases
from smartcity.core.exports import FormulaSafeExportMixin, FormulaSafeExportViewSetMixin
from smartcity.core.models import Agency
from smartcity.core.permissions import AgencyScopedObjectMixin, AgencyScopedPolicy, AgencyScopedSnippetViewSet
from smartcity.core.personal_data import mask_nik
from smartcity.core.uploads import AttachmentsField, attachments_of

from . import services
from .models import ExemptionGround, InformationRequest, Objection, PublicInformation
from .workflow import REQUEST_WORKFLOW


class PublicInformationPolicy(AgencyScopedPolicy):
    """Officers add, change and delete entries of their own agencies only."""


class InformationRequestPolicy(AgencyScopedPolicy):
    # Requests come from the public form; officers change them only through the workflow (the
    # handling screen), never through a generic edit form that would skip the history.
    disabled_actions = frozenset({"add", "change", "delete"})


class PublicInformationAdminForm(WagtailAdminModelForm):
    """The agency field offers only the agencies the officer works for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.filter(pk__in=agency_ids_for(user))

    def clean_agency(self):
        agency = self.cleaned_data.get("agency")
        user = self.for_user
        restricted = agency is not None and user is not None and not user.is_superuser
        if restricted and agency.pk not in agency_ids_for(user):
            raise ValidationError(_("You can publish only for your own agency."))
        return agency


class PublicInformationFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = PublicInformation
        fields = ["agency", "classification", "year", "is_published"]


class PublicInformationViewSet(FormulaSafeExportViewSetMixin, AgencyScopedSnippetViewSet):
    model = PublicInformation
    icon = "doc-full"
    menu_label = _("Public information list")
    list_display = ["title", "agency", "classification", "year", "is_published"]
    list_export = [
        "agency",
        "title",
        "summary",
        "classification",
        "year",
        "responsible_unit",
        "exemption_ground",
        "consequence_test",
        "is_published",
    ]
    export_filename = "daftar-informasi-publik"
    filterset_class = PublicInformationFilterSet
    search_fields = ["title", "summary"]
    search_backend_name = None
    inspect_view_enabled = True
    add_to_admin_menu = False
    edit_handler = ObjectList(PublicInformation.panels, base_form_class=PublicInformationAdminForm)

    def get_unscoped_queryset(self, request):
        return PublicInformation.objects.select_related("agency")


# --- Information requests ------------------------------------------------------------------------


class InformationRequestFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Past the deadline"), method="filter_overdue")

    class Meta:
        model = InformationRequest
        fields = ["status", "decision", "agency"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = InformationRequest.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class InformationRequestIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return visible_cases(self.request.user, InformationRequest.objects.select_related("agency"))


class InformationRequestInspectView(AgencyScopedObjectMixin, generic.InspectView):
    template_name = "transparency/admin/request_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        info_request = self.object
        user = self.request.user
        context.update(
            {
                "info_request": info_request,
                "events": info_request.events.select_related("actor", "actor_agency"),
                "id_cards": attachments_of(info_request).filter(by_citizen=True),
                "answer_files": attachments_of(info_request).filter(by_citizen=False),
                "actions": {t.name for t in REQUEST_WORKFLOW.available(info_request, user)},
                "handle_url": reverse("ppid_request:handle", args=[info_request.pk]),
                "agencies": Agency.objects.active().exclude(pk=info_request.agency_id),
                "decisions": InformationRequest.Decision.choices,
                "grounds": ExemptionGround.choices,
                "overdue": info_request.is_overdue(),
                "days_left": info_request.working_days_left(),
                "days_waited": info_request.working_days_waited(),
                "masked_nik": mask_nik(info_request.nik),
            }
        )
        return context


class InformationRequestViewSet(ModelViewSet):
    model = InformationRequest
    icon = "help"
    menu_label = _("Information requests")
    name = "ppid_request"
    list_display = ["reference", "agency", "status", "due_at", "created_at"]
    list_export = [
        "reference",
        "agency",
        "status",
        "decision",
        "created_at",
        "due_at",
        "answered_at",
        "answer_working_days",
        "requester_kind",
        "name",
        "email",
        "phone",
        "information_wanted",
        "purpose",
        "delivery",
    ]
    export_filename = "permohonan-informasi"
    filterset_class = InformationRequestFilterSet
    search_fields = ["reference", "name"]
    search_backend_name = None
    inspect_view_enabled = True
    add_to_admin_menu = False
    form_fields = ["answer"]  # never edited through a form: the workflow changes requests
    index_view_class = InformationRequestIndexView
    inspect_view_class = InformationRequestInspectView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/tangani/", self.handle_view, name="handle")]

    def handle_view(self, request, pk):
        """Extend, answer or forward (POST from the request's inspect screen)."""
        if request.method != "POST":
            raise PermissionDenied
        info_request = get_object_or_404(visible_cases(request.user, InformationRequest.objects.all()), pk=pk)
        form = HandleRequestForm(request.POST, request.FILES)
        inspect_url = reverse(f"{self.name}:inspect", args=[pk])
        if not form.is_valid():
            messages.error(request, _("Please correct: %(errors)s") % {"errors": form.errors_text()})
            return redirect(inspect_url)
        data = form.cleaned_data
        try:
            if data["action"] == "extend":
                services.extend(info_request, request.user, data["note"])
            elif data["action"] == "forward":
                services.forward(info_request, request.user, data["to_agency"], data["note"])
            else:
                services.answer(
                    info_request,
                    request.user,
                    data["decision"],
                    data["note"],
                    withheld=data["withheld"],
                    exemption_ground=data["exemption_ground"],
                    files=data["files"],
                )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(inspect_url)
        info_request.refresh_from_db()
        messages.success(
            request,
            _("%(code)s: %(status)s")
            % {"code": info_request.reference, "status": info_request.get_status_display()},
        )
        if not can_see_case(request.user, info_request):  # forwarded away
            return redirect(reverse(f"{self.name}:index"))
        return redirect(inspect_url)


class HandleRequestForm(forms.Form):
    """One of the officer's actions on a request, with what that action needs."""

    action = forms.ChoiceField(choices=[("extend", "extend"), ("answer", "answer"), ("forward", "forward")])
    note = forms.CharField(max_length=8000)
    decision = forms.ChoiceField(choices=InformationRequest.Decision.choices, required=False)
    withheld = forms.CharField(max_length=4000, required=False)
    exemption_ground = forms.ChoiceField(choices=[("", "")] + ExemptionGround.choices, required=False)
    to_agency = forms.ModelChoiceField(queryset=Agency.objects.active(), required=False)
    files = AttachmentsField(required=False)

    def errors_text(self) -> str:
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in self.errors.items())


# --- The objection register ----------------------------------------------------------------------


class ObjectionPolicy(AgencyScopedPolicy):
    # Objections come from requesters; superiors answer them through the answer screen only.
    disabled_actions = frozenset({"add", "change", "delete"})

    def visible(self, user, queryset):
        return scoped_objections(user, queryset)


def scoped_objections(user, queryset):
    """Objections of the requests ``user`` may see."""
    visible = (
        visible_cases(user, InformationRequest.objects.all())
        if user.has_perm(Objection.STAFF_PERMISSION)
        else None
    )
    if visible is None:
        return queryset.none()
    return queryset.filter(request__in=visible.values("pk"))


class ObjectionIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return scoped_objections(self.request.user, Objection.objects.select_related("request__agency"))


class ObjectionInspectView(AgencyScopedObjectMixin, generic.InspectView):
    template_name = "transparency/admin/objection_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objection = self.object
        context.update(
            {
                "objection": objection,
                "info_request": objection.request,
                "may_answer": REQUEST_WORKFLOW.can(objection.request, self.request.user, "answer_objection"),
                "answer_url": reverse("ppid_objection:answer", args=[objection.pk]),
                "outcomes": Objection.Outcome.choices,
            }
        )
        return context


# The request's columns in the objection register (Perki SLIP 1/2010): its number, the requester,
# what was asked and why.
REGISTER_REQUEST_FIELDS = (
    "reference",
    "name",
    "address",
    "phone",
    "occupation",
    "information_wanted",
    "purpose",
)


class ObjectionViewSet(ModelViewSet):
    model = Objection
    icon = "warning"
    menu_label = _("Objection register")
    name = "ppid_objection"
    list_display = ["reference", "request", "ground", "filed_at", "due_at", "outcome", "dispute_filed_on"]
    list_filter = ["outcome", "ground"]
    # The register's columns (Perki SLIP 1/2010): number and date, requester, request, ground,
    # decision, its date, the superior officer, and what the requester did next.
    list_export = [
        "reference",
        "filed_at",
        *[f"request.{name}" for name in REGISTER_REQUEST_FIELDS],
        "ground",
        "case_position",
        "due_at",
        "outcome",
        "response",
        "answered_at",
        "superior_name",
        "superior_position",
        "dispute_filed_on",
        "dispute_reference",
    ]
    # Wagtail reads a related value by a dotted path (a "request__name" lookup made the export
    # fail); the headings are the request's own field names, its number under "request".
    export_headings = {
        "request.reference": capfirst(Objection._meta.get_field("request").verbose_name),
        **{
            f"request.{name}": capfirst(InformationRequest._meta.get_field(name).verbose_name)
            for name in REGISTER_REQUEST_FIELDS[1:]
        },
    }
    export_filename = "register-keberatan"
    search_fields = ["reference"]
    search_backend_name = None
    inspect_view_enabled = True
    add_to_admin_menu = False
    form_fields = ["response"]
    index_view_class = ObjectionIndexView
    inspect_view_class = ObjectionInspectView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/jawab/", self.answer_view, name="answer")]

    def answer_view(self, request, pk):
        """The superior officer's written answer (POST from the objection's inspect screen)."""
        if request.method != "POST":
            raise PermissionDenied
        objection = get_object_or_404(scoped_objections(request.user, Objection.objects.all()), pk=pk)
        inspect_url = reverse(f"{self.name}:inspect", args=[pk])
        try:
            services.answer_objection(
                objection.request,
                request.user,
                request.POST.get("outcome", ""),
                request.POST.get("response", "")[:8000],
                superior_name=request.POST.get("superior_name", "")[:150],
                superior_position=request.POST.get("superior_position", "")[:150],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The objection has been answered."))
        return redirect(inspect_url)


class PPIDMenuGroup(ModelViewSetGroup):
    """One admin menu item, "PPID"."""

    items = (InformationRequestViewSet, ObjectionViewSet, PublicInformationViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("PPID")
    menu_name = "ppid"
    menu_order = 270
