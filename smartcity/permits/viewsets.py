"""Staff screens for e-sippadu in the Wagtail admin, under one "Permits" menu.

* Permit types (a snippet with the inline requirements checklist and the extra questions).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import visible_cases

from .models import PermitType


class PermitTypeViewSet(SnippetViewSet):
    model = PermitType
    icon = "doc-full"
    menu_label = gettext_lazy("Permit types")
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

    items = (PermitTypeViewSet,)
    menu_icon = "doc-full"
    menu_label = gettext_lazy("Permits")
    menu_name = "permits"
    menu_order = 270
