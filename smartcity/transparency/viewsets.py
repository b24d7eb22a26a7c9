"""PPID staff screens in the Wagtail admin, under one "PPID" menu.

* The public information list: each agency's information officers add and publish entries for
  their own agency only (``smartcity.core.access``); the agency field offers only theirs.
* Information requests: the list with filters and export, the request with its history, and
  the handling screen (extend, answer, forward) through the workflow.
* The objection register: the superior officers answer objections of their agency.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.access import agency_ids_for, visible_cases
from smartcity.core.models import Agency
from smartcity.core.permissions import AgencyScopedObjectMixin, AgencyScopedPolicy

from .models import PublicInformation


class PublicInformationPolicy(AgencyScopedPolicy):
    """Officers add, change and delete entries of their own agencies only."""


class InformationRequestPolicy(AgencyScopedPolicy):
    # Requests come from the public form; officers change them only through the workflow.
    disabled_actions = frozenset({"add", "delete"})


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


class _EditView(AgencyScopedObjectMixin, snippet_views.EditView):
    pass


class _DeleteView(AgencyScopedObjectMixin, snippet_views.DeleteView):
    pass


class _InspectView(AgencyScopedObjectMixin, snippet_views.InspectView):
    pass


class _HistoryView(AgencyScopedObjectMixin, snippet_views.HistoryView):
    pass


class _UsageView(AgencyScopedObjectMixin, snippet_views.UsageView):
    pass


class _CopyView(AgencyScopedObjectMixin, snippet_views.CopyView):
    pass


class PublicInformationViewSet(SnippetViewSet):
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
    edit_view_class = _EditView
    delete_view_class = _DeleteView
    inspect_view_class = _InspectView
    history_view_class = _HistoryView
    usage_view_class = _UsageView
    copy_view_class = _CopyView

    def get_queryset(self, request):
        return visible_cases(request.user, PublicInformation.objects.select_related("agency"))


class PPIDMenuGroup(ModelViewSetGroup):
    """One admin menu item, "PPID"."""

    items = (PublicInformationViewSet,)
    menu_icon = "doc-full-inverse"
    menu_label = _("PPID")
    menu_name = "ppid"
    menu_order = 270
