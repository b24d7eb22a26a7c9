"""Staff screens for e-masyarakat in the Wagtail admin, grouped under one "Complaints" menu.

* The complaint inbox (``complaints_admin:index``): staff of an agency see their agency's
  complaints, case supervisors see all; overdue cases are flagged; search, filters and a
  CSV/XLSX export of the filtered list. Complaints are never added, edited or deleted here:
  they come from citizens and the API, and change only through the workflow actions on the
  case file (``complaints_admin:inspect``, see ``views_staff``).
* Complaint categories (a snippet: each has a default agency and a resolution target).
* Open311 API clients: the key is shown once when a client is created.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import visible_cases
from smartcity.core.exports import FormulaSafeExportViewSetMixin
from smartcity.core.permissions import AgencyScopedPolicy
from smartcity.core.viewsets import CaseIndexView, DeadlineColumn, OverdueRowsTable, ReadOnlyRecordsViewSet

from .api_keys import create_client
from .filters import ComplaintFilterSet
from .models import Complaint, ComplaintCategory, Open311Client
from .views_staff import (
    ComplaintInspectView,
    ComplaintMessageView,
    ComplaintPublicWordingView,
    ComplaintTransitionView,
)

EXPORT_PERMISSION = "complaints.export_complaint"


class ComplaintPermissionPolicy(AgencyScopedPolicy):
    """Django model permissions, narrowed by the agency rule of ``smartcity.core.access``.

    "add" and "delete" are refused to everyone, superusers included: complaints are filed by
    citizens (website, API) and are part of the city's record, so they are never deleted.
    """

    disabled_actions = frozenset({"add", "delete"})


# ---------------------------------------------------------------------------------------------
# Inbox
# ---------------------------------------------------------------------------------------------


class ComplaintDeadlineColumn(DeadlineColumn):
    css_block = "complaint-deadline"
    tag_prefix = "complaint"

    class Media:
        css = {"all": ["complaints/admin/complaints_admin.css"]}


def _first_response_late(complaint, now) -> bool:
    return (
        not complaint.is_finished
        and complaint.first_responded_at is None
        and complaint.first_response_due < now
    )


def _resolution_late(complaint, now) -> bool:
    return not complaint.is_finished and complaint.resolution_due < now


def _next_deadline(complaint):
    """The deadline that matters now: the first response until there is one, then resolution."""
    if complaint.first_responded_at is None and not complaint.is_finished:
        return complaint.first_response_due
    return complaint.resolution_due


class ComplaintStatusColumn(StatusTagColumn):
    """The status as a tag coloured by state (``complaint-status--<state>`` in the admin CSS)."""

    cell_template_name = "complaints/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = instance.status
        return context

    class Media:
        css = {"all": ["complaints/admin/complaints_admin.css"]}


class SubjectColumn(Column):
    """The subject, cut to two lines so that a long one does not make its row five lines tall."""

    cell_template_name = "complaints/admin/subject_cell.html"


class ComplaintTable(OverdueRowsTable):
    overdue_classname = "complaint-row--overdue"


# (export column, heading, value) — personal data is included: only staff allowed to see the
# cases can export them. The NIK is left out: nobody needs it in a spreadsheet.
EXPORT_COLUMNS = [
    ("reference", gettext_lazy("Reference number"), lambda c: c.reference),
    ("created_at", gettext_lazy("Submitted at"), lambda c: c.created_at),
    ("status", gettext_lazy("Status"), lambda c: c.get_status_display()),
    ("kind", gettext_lazy("Kind"), lambda c: c.get_kind_display()),
    ("source", gettext_lazy("Source"), lambda c: c.get_source_display()),
    ("category", gettext_lazy("Category"), lambda c: c.category.name),
    ("agency", gettext_lazy("Handling agency"), lambda c: str(c.agency) if c.agency_id else ""),
    ("kecamatan", gettext_lazy("District"), lambda c: c.kelurahan.kecamatan.name),
    ("kelurahan", gettext_lazy("Urban village"), lambda c: c.kelurahan.name),
    ("address", gettext_lazy("Address or landmark"), lambda c: c.address),
    ("latitude", gettext_lazy("Latitude"), lambda c: c.latitude),
    ("longitude", gettext_lazy("Longitude"), lambda c: c.longitude),
    ("title", gettext_lazy("Subject"), lambda c: c.title),
    ("description", gettext_lazy("Description"), lambda c: c.description),
    ("reporter_name", gettext_lazy("Reporter's name"), lambda c: c.reporter_name),
    ("reporter_email", gettext_lazy("Reporter's e-mail"), lambda c: c.reporter_email),
    ("reporter_phone", gettext_lazy("Reporter's phone"), lambda c: c.reporter_phone),
    ("hide_name", gettext_lazy("Name hidden publicly"), lambda c: c.hide_name),
    ("is_private", gettext_lazy("Private"), lambda c: c.is_private),
    ("first_response_due", gettext_lazy("First response due"), lambda c: c.first_response_due),
    ("first_responded_at", gettext_lazy("First response at"), lambda c: c.first_responded_at),
    ("resolution_due", gettext_lazy("Resolution due"), lambda c: c.resolution_due),
    ("resolved_at", gettext_lazy("Resolved at"), lambda c: c.resolved_at),
    ("closed_at", gettext_lazy("Closed at"), lambda c: c.closed_at),
    ("overdue", gettext_lazy("Overdue"), lambda c: c.is_overdue()),
    ("rejection_reason", gettext_lazy("Reason for rejection"), lambda c: c.get_rejection_reason_display()),
    ("reopened_count", gettext_lazy("Times reopened"), lambda c: c.reopened_count),
    ("rating", gettext_lazy("Rating"), lambda c: c.rating),
]


class ComplaintIndexView(CaseIndexView):
    """The inbox: complaints the user may see, newest first, overdue ones flagged."""

    any_permission_required = ["view", "change"]
    table_class = ComplaintTable
    export_columns = EXPORT_COLUMNS
    export_permission = EXPORT_PERMISSION
    export_file_prefix = "pengaduan"
    URGENCY = "urgency"

    def get_base_queryset(self):
        queryset = Complaint.objects.select_related("category", "agency", "kelurahan__kecamatan")
        return visible_cases(self.request.user, queryset)

    @cached_property
    def columns(self):
        return [
            self._get_title_column("reference", classname="complaint-col--reference"),
            SubjectColumn("title", label=_("Subject"), sort_key="title", classname="complaint-col--subject"),
            Column("category", label=_("Category"), sort_key="category__name"),
            Column("agency", label=_("Agency"), sort_key="agency__short_name"),
            ComplaintStatusColumn(
                "get_status_display",
                label=_("Status"),
                sort_key="status",
                classname="complaint-col--status",
            ),
            DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
            # One deadline column (the next one due) keeps every column on a 1280 px screen;
            # both deadlines are on the case file and in the export.
            ComplaintDeadlineColumn(
                "next_deadline",
                label=_("Next deadline"),
                accessor=_next_deadline,
                sort_key="resolution_due",
                is_late=lambda complaint, now: (
                    _first_response_late(complaint, now) or _resolution_late(complaint, now)
                ),
            ),
        ]

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), self.URGENCY]

    def order_queryset(self, queryset):
        if self.ordering != self.URGENCY:
            return super().order_queryset(queryset)
        # Overdue first, then the most urgent deadline; same rule as Complaint.is_overdue().
        now = timezone.now()
        late = ~Q(status__in=Complaint.FINISHED_STATES) & (
            Q(first_responded_at__isnull=True, first_response_due__lt=now) | Q(resolution_due__lt=now)
        )
        return queryset.annotate(
            _is_late=Case(When(late, then=Value(1)), default=Value(0), output_field=IntegerField())
        ).order_by("-_is_late", "resolution_due", "-pk")

    def get_service_header_buttons(self):
        return [
            HeaderButton(
                _("Overdue first"), url=f"{self.index_url}?ordering={self.URGENCY}", icon_name="warning"
            )
        ]


class ComplaintViewSet(ReadOnlyRecordsViewSet):
    """The inbox and the case file; changes go through the workflow actions posted from it."""

    model = Complaint
    name = "complaints"
    url_prefix = "pengaduan"
    url_namespace = "complaints_admin"
    icon = "mail"
    menu_label = gettext_lazy("Inbox")
    menu_order = 100
    index_view_class = ComplaintIndexView
    inspect_view_class = ComplaintInspectView
    inspect_view_enabled = True
    filterset_class = ComplaintFilterSet
    ordering = "-created_at"
    search_fields = ["reference", "title", "description"]
    record_action_views = [
        ("tindakan/<slug:action>/", ComplaintTransitionView, "transition"),
        ("pesan/", ComplaintMessageView, "message"),
        ("teks-publik/", ComplaintPublicWordingView, "public_wording"),
    ]


# ---------------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------------


class ComplaintCategoryViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = ComplaintCategory
    icon = "tag"
    menu_label = gettext_lazy("Categories")
    menu_order = 200
    list_display = ["name", "service_code", "default_agency", "resolution_days", "is_active"]
    list_filter = ["is_active", "default_agency"]
    list_export = ["name", "slug", "service_code", "default_agency", "resolution_days", "is_active"]
    search_fields = ["name", "service_code", "keywords"]
    search_backend_name = None

    def get_queryset(self, request):
        return ComplaintCategory.objects.select_related("default_agency")


# ---------------------------------------------------------------------------------------------
# Open311 API clients
# ---------------------------------------------------------------------------------------------


class Open311ClientCreateView(generic.CreateView):
    """Creates a client through ``api_keys.create_client`` and shows its key exactly once."""

    key_template_name = "complaints/admin/open311_client_key.html"

    def save_instance(self):
        data = self.form.cleaned_data
        client, self.new_key = create_client(data["name"], data.get("contact_email", ""))
        if not data.get("is_active", True):
            client.is_active = False
            client.save(update_fields=["is_active"])
        log(instance=client, action="wagtail.create", user=self.request.user)
        return client

    def save_action(self):
        # Rendered, not redirected: the key must never sit in a URL, a session or a cache.
        response = TemplateResponse(
            self.request,
            self.key_template_name,
            {
                "client": self.object,
                "key": self.new_key,
                "index_url": reverse(self.index_url_name),
                "page_title": _("API key for %(name)s") % {"name": self.object.name},
                "header_icon": "key",
            },
        )
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response


class Open311ClientViewSet(ModelViewSet):
    model = Open311Client
    name = "open311_clients"
    url_prefix = "open311-klien"
    icon = "key"
    menu_label = gettext_lazy("Open311 API clients")
    menu_order = 300
    add_view_class = Open311ClientCreateView
    copy_view_enabled = False
    list_display = ["name", "key_hint", "is_active", "last_used_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_email"]
    search_backend_name = None


class ComplaintsMenuGroup(ModelViewSetGroup):
    """One admin menu item, "Complaints" (Pengaduan), for the inbox and its settings."""

    items = (ComplaintViewSet, ComplaintCategoryViewSet, Open311ClientViewSet)
    menu_icon = "mail"
    menu_label = gettext_lazy("Complaints")
    menu_name = "complaints"
    menu_order = 250
