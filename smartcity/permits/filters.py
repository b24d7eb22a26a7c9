"""Filters for the staff screens of e-sippadu (applications and permits)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from smartcity.core.access import agency_ids_for
from smartcity.core.models import Agency
from smartcity.core.working_days import local_date

from .models import Permit, PermitApplication, PermitType
from .roles import sees_every_agency
from .workflow import STAGES, STAGES_BY_SLUG


class ApplicationFilterSet(WagtailFilterSet):
    """Stage (the inbox of one role), status, type, agency, source, overdue and period."""

    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=[(stage.slug, stage.label) for stage in STAGES],
        method="filter_stage",
        empty_label=_("All"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=PermitApplication.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="filter_overdue",
        empty_label=_("All"),
    )
    permit_type = django_filters.ModelChoiceFilter(label=_("Permit type"), queryset=PermitType.objects.all())
    agency = django_filters.ModelChoiceFilter(label=_("Agency"), queryset=Agency.objects.all())
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=PermitApplication.Source.choices, empty_label=_("All")
    )
    period = django_filters.DateFromToRangeFilter(
        label=_("Submitted between"), field_name="submitted_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = PermitApplication
        fields = ["stage", "status", "overdue", "permit_type", "agency", "source", "period"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and not sees_every_agency(user):
            own = agency_ids_for(user)
            self.filters["permit_type"].queryset = PermitType.objects.filter(agency_id__in=own)
            if len(own) > 1:
                self.filters["agency"].queryset = Agency.objects.filter(pk__in=own)
            else:
                del self.filters["agency"]

    def filter_stage(self, queryset, name, value):
        stage = STAGES_BY_SLUG.get(value)
        return queryset.filter(status__in=stage.statuses) if stage else queryset

    def filter_overdue(self, queryset, name, value):
        if value == "yes":
            return queryset.overdue()
        if value == "no":
            return queryset.exclude(pk__in=PermitApplication.objects.overdue().values("pk"))
        return queryset


class PermitFilterSet(WagtailFilterSet):
    """Issued permits: type, state (valid, expired, revoked) and period of issue."""

    state = django_filters.ChoiceFilter(
        label=_("State"), choices=Permit.State.choices, method="filter_state", empty_label=_("All")
    )
    permit_type = django_filters.ModelChoiceFilter(label=_("Permit type"), queryset=PermitType.objects.all())
    period = django_filters.DateFromToRangeFilter(
        label=_("Issued between"), field_name="issued_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Permit
        fields = ["state", "permit_type", "period"]

    def filter_state(self, queryset, name, value):
        today = local_date(timezone.now())
        if value == Permit.State.VALID:
            return queryset.valid(today)
        if value == Permit.State.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        if value == Permit.State.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, valid_until__lt=today)
        return queryset
