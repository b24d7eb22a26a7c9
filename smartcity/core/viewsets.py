"""Staff screens: the city's reference data, and the base of every service's case screens.

* Reference data (agencies, kecamatan, kelurahan, city days off) as Wagtail snippets.
* ``StaffExportMixin``, ``CaseIndexView`` and ``ReadOnlyRecordsViewSet``: what every service's
  case inbox shares (spreadsheet exports staff can open safely, labelled header buttons, no
  add/edit/delete screens, links that open the case file). Each service keeps its own columns,
  filters, export columns and actions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import DateColumn, Table
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .exports import FormulaSafeExportMixin, FormulaSafeExportViewSetMixin
from .models import Agency, CityHoliday, Kecamatan, Kelurahan


class AgencyFilterSet(WagtailFilterSet):
    class Meta:
        model = Agency
        fields = ["kind", "is_active"]


class AgencyViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Agencies (OPD)")
    list_display = ["name", "short_name", "kind", "is_active"]
    list_export = ["name", "short_name", "kind", "address", "phone", "email", "website", "is_active"]
    search_fields = ["name", "short_name"]
    # Search the table itself: the agencies loaded by the data migration are not in the search
    # index until `update_index` runs, so an indexed search would find none of them.
    search_backend_name = None
    filterset_class = AgencyFilterSet
    inspect_view_enabled = True
    add_to_admin_menu = False


class KecamatanViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = Kecamatan
    icon = "site"
    menu_label = _("Districts")
    list_display = ["name", "code"]
    list_export = ["code", "name"]
    search_fields = ["name", "code"]


class KelurahanFilterSet(WagtailFilterSet):
    class Meta:
        model = Kelurahan
        fields = ["kecamatan"]


class KelurahanViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = Kelurahan
    icon = "home"
    menu_label = _("Urban villages")
    list_display = ["name", "kecamatan", "code", "postal_code"]
    list_export = ["code", "name", "kecamatan", "postal_code", "latitude", "longitude"]
    search_fields = ["name", "code"]
    filterset_class = KelurahanFilterSet

    def get_queryset(self, request):
        return Kelurahan.objects.select_related("kecamatan")


class CityHolidayViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    """City-specific days off used by the working-day calendar for case deadlines."""

    model = CityHoliday
    icon = "date"
    menu_label = _("City days off")
    list_display = ["date", "name"]
    list_export = ["date", "name"]
    search_fields = ["name"]
    search_backend_name = None


class ReferenceDataGroup(SnippetViewSetGroup):
    """One admin menu item, "Data referensi", for every shared reference table."""

    items = (AgencyViewSet, KecamatanViewSet, KelurahanViewSet, CityHolidayViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Reference data")
    menu_name = "reference-data"
    menu_order = 300


# ---------------------------------------------------------------------------------------------
# Case screens: the base every service's case inbox and case file build on
# ---------------------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


class OverdueRowsTable(Table):
    """A case listing whose overdue rows (``is_overdue(now)``) carry ``overdue_classname``, so
    the whole row stands out."""

    overdue_classname = "case-row--overdue"

    @cached_property
    def now(self):
        return timezone.now()

    def get_row_classname(self, instance):
        return self.overdue_classname if instance.is_overdue(self.now) else ""


class DeadlineColumn(DateColumn):
    """A deadline in WIB, with an "Overdue" tag once it has passed on an open case.

    ``is_late(instance, now)`` (a keyword argument, or override the method) says when; by default
    the case's own ``is_overdue(now)``. CSS: the cell has ``css_block`` (and ``<css_block>--late``),
    the tag ``<tag_prefix>-overdue``; a service's subclass adds its stylesheet as ``Media``.
    """

    cell_template_name = "core/admin/deadline_cell.html"
    css_block = "case-deadline"
    tag_prefix = "case"

    def __init__(self, name, *, is_late: Callable | None = None, **kwargs):
        super().__init__(name, **kwargs)
        if is_late is not None:
            self.is_late = is_late

    def is_late(self, instance, now) -> bool:
        return instance.is_overdue(now)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["is_late"] = self.is_late(instance, timezone.now())
        return context


class StaffExportMixin(FormulaSafeExportMixin):
    """CSV/XLSX export of a staff listing (Wagtail's ``IndexView``) as staff can use it.

    A CSV with a byte order mark (Excel on Windows reads one without it as ANSI and garbles every
    non-ASCII character), local (WIB) times, "Ya"/"Tidak" for booleans, formulas made inert, and
    no caching anywhere, since exports and listings hold personal data. Only users with
    ``export_permission`` ("app.codename") get the download buttons or the file.

    ``export_columns``: optional ``(name, heading, value)`` rows, ``value`` a function of the
    object; they then give the columns, their headings and their values. ``export_file_prefix``:
    the file is ``<prefix>-<YYYYMMDD>.csv`` (Wagtail's own ``export_filename`` is overwritten by
    the viewset with ``<app>_<model>``, so it cannot name the file).
    """

    export_file_prefix = "export"
    export_permission = ""
    export_columns: Sequence[tuple[str, str, Callable]] = ()

    @cached_property
    def list_export(self) -> list[str]:
        return [name for name, _heading, _value in self.export_columns]

    @cached_property
    def export_headings(self) -> dict:
        return {name: heading for name, heading, _value in self.export_columns}

    def to_row_dict(self, item):
        if not self.export_columns:
            return super().to_row_dict(item)
        values = {name: value for name, _heading, value in self.export_columns}
        return {name: values[name](item) for name in self.list_export}

    def get_filename(self):
        return f"{self.export_file_prefix}-{timezone.localdate():%Y%m%d}"

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    custom_value_preprocess = {
        datetime.datetime: {
            # Spreadsheets have no time zones: write local (WIB) times, as staff read them.
            "xlsx": lambda value: timezone.localtime(value).replace(tzinfo=None),
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
        },
        bool: {"xlsx": _yes_no, "csv": _yes_no},
    }

    @cached_property
    def can_export(self) -> bool:
        return bool(self.export_permission) and self.request.user.has_perm(self.export_permission)

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


class CaseIndexView(StaffExportMixin, generic.IndexView):
    """A service's case inbox. Every header action is a labelled button, nothing hides in an
    unlabelled "⋯" menu: the service's own buttons (``get_service_header_buttons()``), then the
    CSV and XLSX downloads for those who may export.

    The service sets ``get_base_queryset()`` (the cases the user may see), ``columns``,
    ``export_columns``, ``export_permission`` and ``export_file_prefix``."""

    def get_service_header_buttons(self) -> list[HeaderButton]:
        """Override: the service's buttons before the downloads (filters, other screens)."""
        return []

    @cached_property
    def header_buttons(self):
        buttons = list(self.get_service_header_buttons())
        if self.show_export_buttons:
            buttons += [
                HeaderButton(gettext("Download CSV"), url=self.csv_export_url, icon_name="download"),
                HeaderButton(gettext("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        return []


class ReadOnlyRecordsViewSet(ModelViewSet):
    """A listing of records that are never added, edited, copied or deleted in the admin (they
    come from citizens and the public API and change only through their workflow), optionally
    with a read-only screen per record.

    Extension points: ``get_extra_urlpatterns()`` for the service's other screens (a workload
    page, a counter) and ``record_action_views``: ``(route, view class, name)`` for the forms
    posted from the record's screen, each at ``<pk>/<route>`` with the inspect view's arguments.
    Links to a record (from the admin's logs, for example) open its read-only screen.
    """

    copy_view_enabled = False
    list_per_page = 50
    # Search the table itself, so it works without (and never waits for) a search index.
    search_backend_name = None
    add_to_reference_index = False
    record_action_views: Sequence[tuple[str, type, str]] = ()

    @property
    def url_finder_class(self):
        if not self.inspect_view_enabled:
            return super().url_finder_class
        return type(
            "_InspectURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")}
        )

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            kwargs[name] = None
        return kwargs

    def get_extra_urlpatterns(self) -> list:
        """Override: the service's screens besides the listing and the records."""
        return []

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.get_extra_urlpatterns(),
        ]
        if self.inspect_view_enabled:
            patterns.append(path("<int:pk>/", self.inspect_view, name="inspect"))
        patterns += [
            path(
                f"<int:pk>/{route}",
                self.construct_view(view_class, **self.get_inspect_view_kwargs()),
                name=name,
            )
            for route, view_class, name in self.record_action_views
        ]
        return patterns
