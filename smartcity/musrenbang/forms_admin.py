"""Staff forms of e-musrenbang: the cycle's rules with their locks, reopening, the city decision."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from smartcity.core.models import Agency

from .models import Phase


class PlanningCycleForm(WagtailAdminModelForm):
    """Refuses changes to rules whose phase has opened, unless Bappeda reopened that phase."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            locked = self.instance.locked_rules()
            changed = set(self.changed_data)
            for name, formset in getattr(self, "formsets", {}).items():
                if formset.has_changed():
                    changed.add(name)
            blocked = sorted({str(Phase(phase).label) for rule, phase in locked.items() if rule in changed})
            if blocked:
                raise ValidationError(
                    _(
                        "These rules are locked because their phase has opened: %(phases)s. "
                        "Bappeda must reopen them, with a reason, before changing them."
                    )
                    % {"phases": ", ".join(blocked)}
                )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and instance.pk:
            from .services import rules_saved

            rules_saved(instance)
        return instance


class ReopenForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase whose rules are reopened"), choices=Phase.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AcceptForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.active(), required=False)
    agreed_volume = forms.DecimalField(
        label=_("Agreed volume"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    agreed_cost = forms.DecimalField(
        label=_("Agreed cost (Rp)"), required=False, min_value=0, max_digits=15, decimal_places=0
    )
