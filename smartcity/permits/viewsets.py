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

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import visible_cases
from smartcity.core.exports import FormulaSafeExportViewSetMixin
from smartcity.core.permissions import AgencyScopedPolicy
from smartcity.core.viewsets import (
    CaseIndexView,
    DeadlineColumn,
    OverdueRowsTable,
    ReadOnlyRecordsViewSet,
    StaffExportMixin,
)

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


class ReadOnlyRecordPolicy(AgencyScopedPolicy):
    """Model permissions narrowed to the applications a user may see (``roles``); records are
    never added, edited or deleted in the admin, superusers included."""

    disabled_actions = frozenset({"add", "change", "delete"})
    through = ""

    def can_see(self, user, instance) -> bool:
        application = instance if isinstance(instance, PermitApplication) else instance.application
        return can_see_application(user, application)

    def visible(self, user, queryset):
        return visible_applications(user, queryset, through=self.through)


class ApplicationPolicy(ReadOnlyRecordPolicy):
    pass


class PermitPolicy(ReadOnlyRecordPolicy):
    through = "application__"


class OverdueTable(OverdueRowsTable):
    overdue_classname = "permit-row--overdue"


class DueColumn(DeadlineColumn):
    css_block = "permit-due"
    tag_prefix = "permit"

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


class ApplicationIndexView(CaseIndexView):
    """The inbox: applications the user may see; overdue ones highlighted; one button per stage
    the user works at."""

    any_permission_required = ["view"]
    template_name = "core/admin/index.html"  # the list search form named (axe: landmark-unique)
    table_class = OverdueTable
    export_columns = EXPORT_COLUMNS
    export_permission = EXPORT_PERMISSION
    export_file_prefix = "permohonan-izin"

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

    def get_service_header_buttons(self):
        buttons = [
            HeaderButton(stage.label, url=f"{self.index_url}?stage={stage.slug}", icon_name="tasks")
            for stage in my_stages(self.request.user)
        ]
        buttons.append(HeaderButton(_("Workload"), url=reverse("permits_admin:workload"), icon_name="time"))
        if has_role(self.request.user, FRONT_OFFICE):
            buttons.append(
                HeaderButton(_("File at the counter"), url=reverse("permits_admin:counter"), icon_name="plus")
            )
        return buttons


class ApplicationViewSet(ReadOnlyRecordsViewSet):
    """The inbox and the case file; applications change through the actions posted from it."""

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
    filterset_class = ApplicationFilterSet
    ordering = "-submitted_at"
    search_fields = ["reference", "applicant_name", "company_name"]
    record_action_views = [("tindakan/<slug:action>/", ApplicationActionView, "action")]

    def get_extra_urlpatterns(self):
        return [
            path("beban-kerja/", WorkloadView.as_view(), name="workload"),
            path("loket/", CounterApplicationView.as_view(), name="counter"),
        ]


class PermitIndexView(StaffExportMixin, generic.IndexView):
    """Issued permits with their state; each opens its application's case file (revoke there)."""

    any_permission_required = ["view"]
    template_name = "core/admin/index.html"
    list_export = ["number", "holder_name", "permit_type", "issued_at", "valid_from", "valid_until", "state"]
    export_headings = {"state": gettext_lazy("State")}
    export_permission = EXPORT_PERMISSION
    export_file_prefix = "izin-terbit"

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


class PermitViewSet(ReadOnlyRecordsViewSet):
    model = Permit
    name = "permits"
    url_prefix = "izin-terbit"
    url_namespace = "permits_issued"
    icon = "success"
    menu_label = gettext_lazy("Issued permits")
    menu_order = 200
    index_view_class = PermitIndexView
    filterset_class = PermitFilterSet
    inspect_view_enabled = False
    ordering = "-issued_at"
    search_fields = ["number", "holder_name"]


class PermitTypeViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
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
