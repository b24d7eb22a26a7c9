"""Filters for the staff complaint inbox in the Wagtail admin."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from smartcity.core.access import agency_ids_for, is_case_supervisor
from smartcity.core.models import Agency, Kecamatan

from .models import Complaint, ComplaintCategory


class ComplaintFilterSet(WagtailFilterSet):
    """Status, category, agency, district, open/overdue and period of submission.

    Agency officers only get the agency filter when they work for more than one agency,
    and then only with their own agencies to choose from.
    """

    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Complaint.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    state = django_filters.ChoiceFilter(
        label=_("Open or finished"),
        choices=[("open", _("Open")), ("finished", _("Finished"))],
        method="filter_state",
        empty_label=_("All"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="filter_overdue",
        empty_label=_("All"),
    )
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=ComplaintCategory.objects.all())
    agency = django_filters.ModelChoiceFilter(label=_("Handling agency"), queryset=Agency.objects.all())
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("District (kecamatan)"),
        field_name="kelurahan__kecamatan",
        queryset=Kecamatan.objects.all(),
    )
    period = django_filters.DateFromToRangeFilter(
        label=_("Submitted between"), field_name="created_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Complaint
        fields = ["status", "state", "overdue", "category", "agency", "kecamatan", "period"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and not is_case_supervisor(user):
            own = agency_ids_for(user)
            if len(own) > 1:
                self.filters["agency"].queryset = Agency.objects.filter(pk__in=own)
            else:
                del self.filters["agency"]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "finished":
            return queryset.filter(status__in=Complaint.FINISHED_STATES)
        return queryset

    def filter_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.overdue()
        if value == "no":
            return queryset.exclude(pk__in=Complaint.objects.overdue().values("pk"))
        return queryset
