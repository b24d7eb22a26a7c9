"""Staff screens of e-budgeting in the Wagtail admin, under one "Anggaran (APBD)" menu.

* Fiscal years, versions (lock), the classification and the standard price list (SSH): finance.
* Agency ceilings and RKA (``AgencyBudgetViewSet``): finance sets the ceiling and opens or closes
  drafting; the agency submits; finance or Bappeda return with notes or approve; each move is in
  the RKA's history (core workflow).
* Budget lines: agency officers see and draft their own agency's lines; every save goes through
  ``services.save_draft_line`` (ceiling checked with the ceiling row locked).
* Imports: upload a CSV/XLSX, follow the check's progress, read the report.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import agency_ids_for
from smartcity.core.exports import FormulaSafeExportMixin, FormulaSafeExportViewSetMixin

from . import services
from .models import (
    Account,
    Activity,
    AffairField,
    AgencyBudget,
    BudgetLine,
    BudgetVersion,
    FiscalYear,
    GovernmentAffair,
    ImportRun,
    Program,
    StandardPrice,
    SubActivity,
)
from .workflow import RKA_WORKFLOW

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def _sees_all(user) -> bool:
    return services.is_reviewer(user)


class AgencyScopedPolicy(ModelPermissionPolicy):
    """Model permissions; agency officers only for their own agency's rows."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            _sees_all(user) or instance.agency_id in agency_ids_for(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return queryset if _sees_all(user) else queryset.filter(agency_id__in=agency_ids_for(user))


class FiscalYearViewSet(SnippetViewSet):
    model = FiscalYear
    icon = "date"
    menu_label = gettext_lazy("Fiscal years")
    list_display = ["year"]
    add_to_admin_menu = False


class BudgetVersionViewSet(SnippetViewSet):
    model = BudgetVersion
    icon = "doc-full"
    menu_label = gettext_lazy("Budget versions")
    list_display = ["name", "fiscal_year", "kind", "status", "locked_at"]
    list_filter = ["fiscal_year", "kind", "status"]
    form_fields = ["fiscal_year", "kind", "name", "legal_basis"]
    add_to_admin_menu = False


class StandardPriceViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = StandardPrice
    icon = "tag"
    menu_label = gettext_lazy("Standard prices (SSH)")
    list_display = ["code", "name", "unit", "price", "fiscal_year"]
    list_filter = ["fiscal_year"]
    list_export = ["fiscal_year", "code", "name", "specification", "unit", "price"]
    search_fields = ["code", "name"]
    search_backend_name = None
    add_to_admin_menu = False


def _classification_viewset(model_class, label, columns):
    return type(
        f"{model_class.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model_class,
            "icon": "list-ul",
            "menu_label": label,
            "list_display": columns,
            "search_fields": ["code", "name"],
            "search_backend_name": None,
            "add_to_admin_menu": False,
        },
    )


GovernmentAffairViewSet = _classification_viewset(
    GovernmentAffair, gettext_lazy("Affairs (urusan)"), ["code", "name"]
)
AffairFieldViewSet = _classification_viewset(
    AffairField, gettext_lazy("Fields (bidang)"), ["code", "name", "affair"]
)
ProgramViewSet = _classification_viewset(Program, gettext_lazy("Programmes"), ["code", "name", "field"])
ActivityViewSet = _classification_viewset(Activity, gettext_lazy("Activities (kegiatan)"), ["code", "name"])
SubActivityViewSet = _classification_viewset(SubActivity, gettext_lazy("Sub-activities"), ["code", "name"])
AccountViewSet = _classification_viewset(
    Account, gettext_lazy("Accounts (rekening)"), ["code", "name", "category", "expenditure_type"]
)


# --- Budget lines: drafting within the ceiling -------------------------------------------------


class DraftLineMixin:
    """Saves through ``services.save_draft_line``; a refusal (ceiling, closed drafting) is shown on
    the form with everything typed kept."""

    def save_instance(self):
        line = self.form.save(commit=False)
        agency_budget = AgencyBudget.objects.filter(
            version_id=line.version_id, agency_id=line.agency_id
        ).first()
        if agency_budget is None:
            raise ValidationError(_("This agency has no ceiling in this version yet."))
        return services.save_draft_line(
            agency_budget, line, self.request.user, proposals=self.form.cleaned_data.get("proposals")
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


class AgencyScopedIndexView(FormulaSafeExportMixin, generic.IndexView):
    """The list narrowed to what the user may see (agency officers: their agency's rows)."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).select_related(*self.related)

    related: tuple[str, ...] = ("agency",)


class BudgetLineIndexView(AgencyScopedIndexView):
    related = ("agency", "sub_activity", "account", "kecamatan", "version")


class BudgetLineCreateView(DraftLineMixin, generic.CreateView):
    pass


class BudgetLineEditView(DraftLineMixin, generic.EditView):
    pass


class BudgetLineDeleteView(generic.DeleteView):
    """Deletes through ``services.delete_draft_line``: never a line whose drafting is closed."""

    def delete_action(self):
        services.delete_draft_line(self.object, self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, PermissionDenied) as error:
            messages.error(self.request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(self.get_success_url())


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = [
            "version",
            "agency",
            "sub_activity",
            "account",
            "kecamatan",
            "kelurahan",
            "description",
            "standard_price",
            "volume",
            "proposed",
            "approved",
            "adjusted",
            "proposals",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = BudgetVersion.objects.filter(status=BudgetVersion.Status.OPEN)
        if for_user is not None and not _sees_all(for_user):
            self.fields["agency"].queryset = self.fields["agency"].queryset.filter(
                pk__in=agency_ids_for(for_user)
            )

    def clean(self):
        cleaned = super().clean()
        account = cleaned.get("account")
        if account and account.category == Account.Category.EXPENDITURE and not cleaned.get("sub_activity"):
            self.add_error("sub_activity", _("An expenditure line needs its sub-activity."))
        return cleaned


class BudgetLineViewSet(ModelViewSet):
    model = BudgetLine
    icon = "table"
    menu_label = gettext_lazy("Budget lines")
    name = "budget_line"
    list_display = [
        "agency",
        "sub_activity",
        "account",
        "kecamatan",
        "proposed",
        "approved",
        "adjusted",
        "executed",
    ]
    list_filter = ["version", "agency", "category", "expenditure_type"]
    list_export = [
        "version",
        "agency",
        "sub_activity",
        "account",
        "kecamatan",
        "kelurahan",
        "description",
        "proposed",
        "approved",
        "adjusted",
        "executed",
    ]
    export_filename = "baris-anggaran"
    search_fields = ["description"]
    search_backend_name = None
    add_to_admin_menu = False
    inspect_view_enabled = True
    index_view_class = BudgetLineIndexView
    add_view_class = BudgetLineCreateView
    edit_view_class = BudgetLineEditView
    delete_view_class = BudgetLineDeleteView

    def get_form_class(self, for_update=False):
        return BudgetLineForm


# --- Agency ceilings and RKA ------------------------------------------------------------------


class AgencyBudgetInspectView(generic.InspectView):
    template_name = "budget/admin/agency_budget_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rka = self.object
        context.update(
            {
                "rka": rka,
                "drafted": services.drafted_total(rka),
                "actions": RKA_WORKFLOW.available(rka, self.request.user),
                "events": rka.events.select_related("actor").order_by("created_at"),
                "action_url": reverse("budget_agency:action", args=[rka.pk]),
            }
        )
        return context


class AgencyBudgetViewSet(ModelViewSet):
    model = AgencyBudget
    icon = "pick"
    menu_label = gettext_lazy("Ceilings and RKA")
    name = "budget_agency"
    list_display = ["agency", "version", "ceiling", "status"]
    list_filter = ["version", "status"]
    list_export = ["version", "agency", "ceiling", "status"]
    form_fields = ["version", "agency", "ceiling"]
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_class = AgencyBudgetInspectView
    index_view_class = type(
        "AgencyBudgetIndexView", (AgencyScopedIndexView,), {"related": ("agency", "version")}
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/action/", self.action_view, name="action")]

    def action_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        rka = get_object_or_404(
            self.permission_policy.instances_user_has_any_permission_for(
                request.user, ["view"]
            ).select_related("version", "agency"),
            pk=pk,
        )
        try:
            RKA_WORKFLOW.apply(
                rka, request.POST.get("action", ""), request.user, note=request.POST.get("note", "")
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("%(rka)s: %(status)s") % {"rka": rka, "status": rka.get_status_display()}
            )
        return redirect("budget_agency:inspect", pk)


# --- Imports ----------------------------------------------------------------------------------


class ImportForm(forms.Form):
    version = forms.ModelChoiceField(
        label=gettext_lazy("Budget version"),
        queryset=BudgetVersion.objects.filter(status=BudgetVersion.Status.OPEN),
    )
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportRun.Kind.choices)
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class ImportViewSet(ModelViewSet):
    """Uploads and their reports; the upload screen starts a background check and import."""

    model = ImportRun
    icon = "upload"
    menu_label = gettext_lazy("Imports")
    name = "budget_import"
    list_display = ["filename", "kind", "version", "status", "imported", "created_at"]
    list_filter = ["kind", "status", "version"]
    add_to_admin_menu = False
    inspect_view_enabled = True
    form_fields = ["kind"]

    def get_urlpatterns(self):
        return [
            path("upload/", self.upload_view, name="upload"),
            path("<int:pk>/report/", self.report_view, name="report"),
            path("<int:pk>/status/", self.status_view, name="status"),
            *super().get_urlpatterns(),
        ]

    def _check(self, request):
        if not self.permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied

    def upload_view(self, request):
        self._check(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            run = services.start_import(
                form.cleaned_data["version"],
                form.cleaned_data["kind"],
                upload.name,
                upload.read(),
                request.user,
            )
            return redirect("budget_import:report", run.pk)
        return TemplateResponse(
            request, "budget/admin/import_upload.html", {"form": form, "header_title": _("Import")}
        )

    def report_view(self, request, pk):
        self._check(request)
        run = get_object_or_404(ImportRun.objects.select_related("version"), pk=pk)
        return TemplateResponse(
            request,
            "budget/admin/import_report.html",
            {
                "run": run,
                "header_title": _("Import report"),
                "status_url": reverse("budget_import:status", args=[pk]),
            },
        )

    def status_view(self, request, pk):
        self._check(request)
        run = get_object_or_404(ImportRun, pk=pk)
        return JsonResponse(
            {
                "status": run.status,
                "label": run.get_status_display(),
                "percent": run.percent,
                "finished": run.is_finished,
            }
        )


class BudgetMenuGroup(ModelViewSetGroup):
    items = (
        AgencyBudgetViewSet,
        BudgetLineViewSet,
        ImportViewSet,
        BudgetVersionViewSet,
        FiscalYearViewSet,
        StandardPriceViewSet,
        GovernmentAffairViewSet,
        AffairFieldViewSet,
        ProgramViewSet,
        ActivityViewSet,
        SubActivityViewSet,
        AccountViewSet,
    )
    menu_icon = "table"
    menu_label = gettext_lazy("Budget (APBD)")
    menu_name = "budget"
    menu_order = 280
