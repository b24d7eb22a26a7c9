"""Staff screens for the city's reference data (Wagtail snippet viewsets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, CityHoliday, Kecamatan, Kelurahan


class AgencyFilterSet(WagtailFilterSet):
    class Meta:
        model = Agency
        fields = ["kind", "is_active"]


class AgencyViewSet(SnippetViewSet):
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


class KecamatanViewSet(SnippetViewSet):
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


class KelurahanViewSet(SnippetViewSet):
    model = Kelurahan
    icon = "home"
    menu_label = _("Urban villages")
    list_display = ["name", "kecamatan", "code", "postal_code"]
    list_export = ["code", "name", "kecamatan", "postal_code", "latitude", "longitude"]
    search_fields = ["name", "code"]
    filterset_class = KelurahanFilterSet

    def get_queryset(self, request):
        return Kelurahan.objects.select_related("kecamatan")


class CityHolidayViewSet(SnippetViewSet):
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
