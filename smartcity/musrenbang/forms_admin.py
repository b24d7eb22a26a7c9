"""Staff forms of e-musrenbang: the cycle's rules with their locks, reopening, the city decision,
proposals entered by staff."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from smartcity.core.models import Agency, Kelurahan
from smartcity.core.uploads import AttachmentsField

from .models import ActivityItem, Level, Phase, PlanningCycle, Proposal, Sector


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


class StaffProposalForm(forms.Form):
    """A proposal entered by staff from a paper deliberation (kelurahan facilitators, their
    kelurahan only), or by Bappeda: DPRD members' aspirations (pokir) and proposals of the
    kecamatan or the city forum. Cleans to what ``services.submit_proposal`` expects."""

    cycle = forms.ModelChoiceField(label=_("Planning cycle"), queryset=PlanningCycle.objects.all())
    entry_level = forms.ChoiceField(label=_("Entered at"), choices=Level.choices)
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"), queryset=Kelurahan.objects.select_related("kecamatan")
    )
    title = forms.CharField(label=_("Title"), max_length=150)
    problem = forms.CharField(label=_("Problem to solve"), max_length=3000, widget=forms.Textarea)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False)
    address = forms.CharField(label=_("Address or landmark"), max_length=255, required=False)
    item = forms.ModelChoiceField(
        label=_("Standard activity (catalogue)"),
        queryset=ActivityItem.objects.active().select_related("sector"),
        required=False,
        empty_label=_("Another activity, not in the catalogue"),
    )
    volume = forms.DecimalField(
        label=_("Volume (units)"), required=False, min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    sector = forms.ModelChoiceField(
        label=_("Sector of the other activity"), queryset=Sector.objects.all(), required=False
    )
    other_cost = forms.DecimalField(
        label=_("Estimated cost of the other activity (Rp)"),
        required=False,
        min_value=1,
        max_digits=15,
        decimal_places=0,
    )
    other_cost_justification = forms.CharField(
        label=_("How the cost was estimated"), max_length=2000, required=False, widget=forms.Textarea
    )
    beneficiaries = forms.IntegerField(label=_("People who benefit"), min_value=0, max_value=1_000_000)
    expected_agency = forms.ModelChoiceField(
        label=_("Agency expected to carry it out (if known)"),
        queryset=Agency.objects.active(),
        required=False,
    )
    proposer_kind = forms.ChoiceField(label=_("Proposed by"), choices=Proposal.ProposerKind.choices)
    proposer_name = forms.CharField(label=_("Proposer's name"), max_length=120)
    proposer_group = forms.CharField(label=_("Group, RT/RW or DPRD member"), max_length=150, required=False)
    proposer_email = forms.EmailField(label=_("Proposer's e-mail (optional)"), required=False)
    proposer_phone = forms.CharField(label=_("Proposer's phone (optional)"), max_length=20, required=False)
    stay_unnamed = forms.BooleanField(label=_("The proposer asked to stay unnamed"), required=False)
    photos = AttachmentsField(label=_("Photos of the location (optional)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from . import services
        from .access import is_bappeda, regions_of

        self.user = user
        levels = services.entry_levels_of(user)
        self.fields["entry_level"].choices = [(value, Level(value).label) for value in levels]
        if not is_bappeda(user):
            kelurahan_ids, kecamatan_ids = regions_of(user)
            self.fields["kelurahan"].queryset = self.fields["kelurahan"].queryset.filter(
                Q(pk__in=kelurahan_ids) | Q(kecamatan_id__in=kecamatan_ids)
            )
            # DPRD members' aspirations (pokir) reach the plan through Bappeda only.
            self.fields["proposer_kind"].choices = [
                c for c in Proposal.ProposerKind.choices if c[0] != Proposal.ProposerKind.POKIR
            ]

    def clean(self):
        data = super().clean()
        item = data.get("item")
        level = data.get("entry_level")
        if item is not None:
            if not data.get("volume"):
                self.add_error("volume", _("Give the volume (how many %(unit)s).") % {"unit": item.unit})
            if level and not item.allows(level):
                self.add_error(
                    "item",
                    _("This activity may be proposed only at: %(levels)s.")
                    % {"levels": ", ".join(str(label) for label in item.levels)},
                )
        else:
            for name, message in (
                ("sector", _("Choose the sector of the activity.")),
                ("other_cost", _("Give the estimated cost of the activity.")),
                ("other_cost_justification", _("Explain how the cost was estimated.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        if data.get("proposer_phone"):
            from smartcity.core import followers

            try:
                followers.normalise_contact(data["proposer_phone"])
            except ValidationError as error:
                self.add_error("proposer_phone", error.messages)
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("photos", None)
        data.pop("cycle", None)
        return data
