"""Staff screens for e-sippadu in the Wagtail admin, under one "Permits" menu.

* Applications (``permits_admin:index``): the inbox with a filter per stage (front office,
  technical review, decision, issuing), status, type, overdue, source and period; overdue rows
  highlighted; CSV/XLSX export. Agency staff see their agency's applications, the Inspectorate
  every agency's (read-only). Nothing is added, edited or deleted here: applications change only
  through the actions on the case file (``views_staff``); the counter files walk-in applications.
* Workload and deadlines (``permits_admin:workload``).
* Issued permits: valid, expired, revoked; each opens its application's case file.
* Permit types (a snippet with the inline requirements checklist and the extra questions).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, Table
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import visible_cases

from .filters import ApplicationFilterSet, PermitFilterSet
from .models import Permit, PermitApplication, PermitType
from .roles import FRONT_OFFICE, can_see_application, has_role, visible_applications
from .views_staff import (
    ApplicationActionView,
    ApplicationInspectView,
    CounterApplicationView,
    WorkloadView,
    my_stages,
)

EXPORT_PERMISSION = "permits.export_permitapplication"
# Spreadsheet cells starting with these are run as formulas by Excel/LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Make a text cell inert for spreadsheets (OWASP "CSV injection")."""
    if isinstance(value, str) and value.lstrip().startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class ReadOnlyRecordPolicy(ModelPermissionPolicy):
    """Model permissions narrowed to the applications a user may see (``roles``); records are
    never added, edited or deleted in the admin, superusers included."""

    disabled_actions = frozenset({"add", "change", "delete"})
    through = ""

    def user_has_permission(self, user, action):
        return action not in self.disabled_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        application = instance if isinstance(instance, PermitApplication) else instance.application
        return self.user_has_permission(user, action) and can_see_application(user, application)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return visible_applications(user, self.model.objects.all(), through=self.through)


class ApplicationPolicy(ReadOnlyRecordPolicy):
    pass


class PermitPolicy(ReadOnlyRecordPolicy):
    through = "application__"


class OverdueTable(Table):
    """Rows of overdue applications carry a class so the whole row stands out."""

    @cached_property
    def now(self):
        return timezone.now()

    def get_row_classname(self, instance):
        return "permit-row--overdue" if instance.is_overdue(self.now) else ""


class DueColumn(DateColumn):
    cell_template_name = "permits/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["is_late"] = instance.is_overdue()
        return context

    class Media:
        css = {"all": ["permits/admin/permits_admin.css"]}


# (export column, heading, value): personal data only for those who may export (the roles of
# the handling agency and the Inspectorate hold the permission); the NIK is left out.
EXPORT_COLUMNS = [
    ("reference", gettext_lazy("Registration number"), lambda a: a.reference),
    ("status", gettext_lazy("Status"), lambda a: a.get_status_display()),
    ("permit_type", gettext_lazy("Permit type"), lambda a: a.permit_type.name),
    ("agency", gettext_lazy("Agency"), lambda a: str(a.agency) if a.agency_id else ""),
    ("source", gettext_lazy("Source"), lambda a: a.get_source_display()),
    ("holder", gettext_lazy("Applicant"), lambda a: a.holder_name),
    ("submitted_at", gettext_lazy("Submitted at"), lambda a: a.submitted_at),
    ("due_at", gettext_lazy("Expected completion"), lambda a: a.due_at),
    ("paused_days", gettext_lazy("Working days waiting for the applicant"), lambda a: a.paused_days),
    ("completed_at", gettext_lazy("Completed at"), lambda a: a.completed_at),
    ("processing_days", gettext_lazy("Processing time (working days)"), lambda a: a.processing_days),
    ("overdue", gettext_lazy("Overdue"), lambda a: a.is_overdue()),
    ("fee", gettext_lazy("Fee (Rp)"), lambda a: a.fee),
]
EXPORT_VALUES = {name: value for name, _heading, value in EXPORT_COLUMNS}


class StaffExportMixin:
    """CSV with a byte order mark (Excel), local times, escaped formulas, never cached."""

    export_filename = "export"

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y%m%d}"

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    custom_value_preprocess = {
        datetime.datetime: {
            "xlsx": lambda value: timezone.localtime(value).replace(tzinfo=None),
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
        },
        bool: {
            "xlsx": lambda value: _("Yes") if value else _("No"),
            "csv": lambda value: _("Yes") if value else _("No"),
        },
    }

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))

    @cached_property
    def can_export(self) -> bool:
        return self.request.user.has_perm(EXPORT_PERMISSION)

    @cached_property
    def show_export_buttons(self):
        return self.can_export

    def render_to_response(self, context, **response_kwargs):
        if self.is_export and not self.can_export:
            raise PermissionDenied
        response = super().render_to_response(context, **response_kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response


class ApplicationIndexView(StaffExportMixin, generic.IndexView):
    """The inbox: applications the user may see; overdue ones highlighted; one button per stage
    the user works at."""

    any_permission_required = ["view"]
    template_name = "core/admin/index.html"  # the list search form named (axe: landmark-unique)
    table_class = OverdueTable
    list_export = [name for name, _heading, _value in EXPORT_COLUMNS]
    export_headings = {name: heading for name, heading, _value in EXPORT_COLUMNS}
    export_filename = "permohonan-izin"

    def get_base_queryset(self):
        return visible_applications(
            self.request.user,
            PermitApplication.objects.exclude(status=PermitApplication.Status.DRAFT).select_related(
                "permit_type", "agency"
            ),
        )

    @cached_property
    def columns(self):
        return [
            self._get_title_column("reference"),
            Column("holder", label=_("Applicant"), accessor="holder_name"),
            Column("permit_type", label=_("Permit type"), sort_key="permit_type__name"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            DueColumn("due_at", label=_("Expected completion"), sort_key="due_at"),
        ]

    def to_row_dict(self, item):
        return {name: EXPORT_VALUES[name](item) for name in self.list_export}

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(stage.label, url=f"{self.index_url}?stage={stage.slug}", icon_name="tasks")
            for stage in my_stages(self.request.user)
        ]
        buttons.append(HeaderButton(_("Workload"), url=reverse("permits_admin:workload"), icon_name="time"))
        if has_role(self.request.user, FRONT_OFFICE):
            buttons.append(
                HeaderButton(_("File at the counter"), url=reverse("permits_admin:counter"), icon_name="plus")
            )
        if self.show_export_buttons:
            buttons += [
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
                HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        return []


class ApplicationURLFinder(ModelAdminURLFinder):
    """Links to an application (e.g. from the admin's logs) open the case file."""

    edit_url_name = "permits_admin:inspect"


class ApplicationViewSet(ModelViewSet):
    model = PermitApplication
    name = "permit_applications"
    url_prefix = "perizinan"
    url_namespace = "permits_admin"
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Applications")
    menu_order = 100
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ApplicationFilterSet
    ordering = "-submitted_at"
    list_per_page = 50
    search_fields = ["reference", "applicant_name", "company_name"]
    search_backend_name = None
    url_finder_class = ApplicationURLFinder
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            kwargs[name] = None
        return kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("beban-kerja/", WorkloadView.as_view(), name="workload"),
            path("loket/", CounterApplicationView.as_view(), name="counter"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "<int:pk>/tindakan/<slug:action>/",
                self.construct_view(ApplicationActionView, **self.get_inspect_view_kwargs()),
                name="action",
            ),
        ]


class PermitIndexView(StaffExportMixin, generic.IndexView):
    """Issued permits with their state; each opens its application's case file (revoke there)."""

    any_permission_required = ["view"]
    template_name = "core/admin/index.html"
    list_export = ["number", "holder_name", "permit_type", "issued_at", "valid_from", "valid_until", "state"]
    export_headings = {"state": gettext_lazy("State")}
    export_filename = "izin-terbit"

    def get_base_queryset(self):
        return visible_applications(
            self.request.user,
            Permit.objects.select_related("permit_type", "application"),
            through="application__",
        )

    def get_inspect_url(self, instance):
        return reverse("permits_admin:inspect", args=[instance.application_id])

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["state"] = item.get_state_display()
        return row

    @cached_property
    def columns(self):
        return [
            self._get_title_column("number"),
            Column("holder_name", label=_("Holder"), sort_key="holder_name"),
            Column("permit_type", label=_("Permit type"), sort_key="permit_type__name"),
            DateColumn("valid_from", label=_("Valid from"), sort_key="valid_from"),
            DateColumn("valid_until", label=_("Valid until"), sort_key="valid_until"),
            Column("state", label=_("State"), accessor="get_state_display"),
        ]


class PermitViewSet(ModelViewSet):
    model = Permit
    name = "permits"
    url_prefix = "izin-terbit"
    url_namespace = "permits_issued"
    icon = "success"
    menu_label = gettext_lazy("Issued permits")
    menu_order = 200
    index_view_class = PermitIndexView
    filterset_class = PermitFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    ordering = "-issued_at"
    list_per_page = 50
    search_fields = ["number", "holder_name"]
    search_backend_name = None
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            kwargs[name] = None
        return kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class PermitTypeViewSet(SnippetViewSet):
    model = PermitType
    icon = "doc-full"
    menu_label = gettext_lazy("Permit types")
    menu_order = 300
    list_display = ["name", "code", "agency", "risk_level", "service_level_days", "fee_method", "is_active"]
    list_filter = ["agency", "risk_level", "applicant_kind", "is_active"]
    list_export = [
        "name",
        "code",
        "agency",
        "risk_level",
        "applicant_kind",
        "fee_method",
        "fee_amount",
        "service_level_days",
        "validity_months",
    ]
    search_fields = ["name", "code"]
    search_backend_name = None
    inspect_view_enabled = True
    add_to_admin_menu = False

    def get_queryset(self, request):
        return visible_cases(request.user, PermitType.objects.select_related("agency"))


class PermitsMenuGroup(ModelViewSetGroup):
    """One admin menu item, "Permits" (Perizinan)."""

    items = (ApplicationViewSet, PermitViewSet, PermitTypeViewSet)
    menu_icon = "doc-full"
    menu_label = gettext_lazy("Permits")
    menu_name = "permits"
    menu_order = 270
