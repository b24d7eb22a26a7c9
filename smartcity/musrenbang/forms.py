"""Public forms of e-musrenbang: a proposal, a support, the list's filters."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _

from smartcity.core import followers
from smartcity.core import forms as core_forms
from smartcity.core.antispam import SpamProtectedForm
from smartcity.core.models import Agency, Kelurahan
from smartcity.core.uploads import AttachmentsField

from . import services
from .models import ActivityItem, Level, PlanningCycle, Proposal, Sector

PUBLIC_PROPOSER_KINDS = [
    (Proposal.ProposerKind.RESIDENT, Proposal.ProposerKind.RESIDENT.label),
    (Proposal.ProposerKind.RT_RW, Proposal.ProposerKind.RT_RW.label),
    (Proposal.ProposerKind.GROUP, Proposal.ProposerKind.GROUP.label),
]


def rupiah(amount: Decimal) -> str:
    return "Rp " + floatformat(amount, "0g")


class KelurahanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Kelurahan) -> str:
        return f"{obj.name} ({obj.kecamatan.name})"


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ActivityItem) -> str:
        return f"{obj.name} · {rupiah(obj.unit_cost)} / {obj.unit}"


class ProposalForm(SpamProtectedForm):
    """A resident's proposal during intake. Cleans to what ``services.submit_proposal`` expects."""

    title = core_forms.TextField(label=_("Title"), max_length=core_forms.model_max_length(Proposal, "title"))
    problem = core_forms.MultilineTextField(
        label=_("Problem to solve"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is wrong now, where, and who suffers from it."),
    )
    kelurahan = KelurahanChoiceField(
        label=_("Kelurahan"),
        queryset=Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name"),
        empty_label=_("Choose a kelurahan"),
    )
    rt = core_forms.TextField(label=_("RT"), max_length=3, required=False)
    rw = core_forms.TextField(label=_("RW"), max_length=3, required=False)
    address = core_forms.TextField(label=_("Address or landmark"), max_length=255, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    item = ItemChoiceField(
        label=_("Standard activity (catalogue)"),
        queryset=ActivityItem.objects.active().for_level(Level.KELURAHAN).select_related("sector"),
        required=False,
        empty_label=_("Another activity, not in the catalogue"),
        help_text=_("Pick the activity from the catalogue; its cost is volume × unit cost."),
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
    other_cost_justification = core_forms.MultilineTextField(
        label=_("How the cost was estimated"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    beneficiaries = forms.IntegerField(label=_("People who benefit"), min_value=0, max_value=1_000_000)
    expected_agency = forms.ModelChoiceField(
        label=_("Agency expected to carry it out (if known)"),
        queryset=Agency.objects.active(),
        required=False,
    )
    photos = AttachmentsField(label=_("Photos of the location (optional)"))
    repeats_reference = core_forms.TextField(
        label=_("Reference of an earlier, unfunded proposal this repeats (optional)"),
        max_length=20,
        required=False,
    )
    repeat_reason = core_forms.MultilineTextField(
        label=_("Why it is proposed again"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposer_kind = forms.ChoiceField(
        label=_("You propose as"),
        choices=PUBLIC_PROPOSER_KINDS,
        initial=Proposal.ProposerKind.RESIDENT,
        widget=forms.RadioSelect,
    )
    proposer_name = core_forms.NameField(label=_("Your name"), max_length=120)
    proposer_group = core_forms.TextField(label=_("Group or RT/RW (if any)"), max_length=150, required=False)
    contact = core_forms.TextField(
        label=_("E-mail address or mobile number"),
        max_length=254,
        help_text=_(
            "We send a confirmation link (or code): the proposal counts once you confirm. "
            "Never shown publicly."
        ),
    )
    stay_unnamed = forms.BooleanField(label=_("Do not show my name publicly"), required=False)
    pagu_acknowledged = forms.BooleanField(
        label=_("I understand that the kelurahan's proposals already exceed its ceiling (pagu)"),
        required=False,
    )
    consent = forms.BooleanField(label=_("I agree that my details are used to handle this proposal"))

    def __init__(self, *args, cycle: PlanningCycle | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.pagu_warning = None
        self.estimated_cost = None

    def clean_contact(self):
        try:
            return followers.normalise_contact(self.cleaned_data["contact"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean_repeats_reference(self):
        reference = (self.cleaned_data.get("repeats_reference") or "").strip().upper()
        if not reference:
            return None
        earlier = Proposal.objects.public().filter(reference=reference).select_related("cycle").first()
        if earlier is None:
            raise ValidationError(_("No public proposal has this reference."))
        return earlier

    def clean(self):
        data = super().clean()
        item = data.get("item")
        if item is not None:
            if not data.get("volume"):
                self.add_error("volume", _("Give the volume (how many %(unit)s).") % {"unit": item.unit})
        else:
            for name, message in (
                ("sector", _("Choose the sector of the activity.")),
                ("other_cost", _("Give the estimated cost of the activity.")),
                ("other_cost_justification", _("Explain how the cost was estimated.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        if data.get("repeats_reference") and not data.get("repeat_reason"):
            self.add_error("repeat_reason", _("Say why the earlier proposal is proposed again."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        cost = None
        if item is not None and data.get("volume"):
            cost = (data["volume"] * item.unit_cost).quantize(Decimal("1"))
        elif item is None and data.get("other_cost"):
            cost = data["other_cost"]
        self.estimated_cost = cost
        if cost is not None and data.get("kelurahan") and self.cycle is not None:
            self.pagu_warning = services.pagu_warning(self.cycle, data["kelurahan"].pk, cost)
            if self.pagu_warning and not data.get("pagu_acknowledged"):
                self.add_error(
                    "pagu_acknowledged",
                    _(
                        "The proposals of this kelurahan already total %(total)s; with this one (%(cost)s) "
                        "they reach %(with)s, above its ceiling (pagu) of %(pagu)s. "
                        "Tick the box to send it anyway."
                    )
                    % {
                        "total": rupiah(self.pagu_warning.total),
                        "cost": rupiah(cost),
                        "with": rupiah(self.pagu_warning.with_this),
                        "pagu": rupiah(self.pagu_warning.ceiling),
                    },
                )
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        channel, contact = data.pop("contact")
        data["proposer_email"] = contact if channel == "email" else ""
        data["proposer_phone"] = contact if channel != "email" else ""
        data["repeats"] = data.pop("repeats_reference")
        return data

    def contacts(self) -> list[str]:
        value = self.data.get(self.add_prefix("contact"), "")
        return [value] if value else []


class ProposalFixForm(ProposalForm):
    """The proposer fixes a returned proposal through their private link: the proposal itself,
    not the kelurahan, the proposer or the contact (those stay as confirmed)."""

    KEPT_FIELDS = (
        "title",
        "problem",
        "item",
        "volume",
        "sector",
        "other_cost",
        "other_cost_justification",
        "beneficiaries",
        "expected_agency",
        "rt",
        "rw",
        "address",
        "latitude",
        "longitude",
        "photos",
        "form_started",
        "website",
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        if not kwargs.get("data") and not args:
            foreign_keys = ("item", "sector", "expected_agency")
            kwargs["initial"] = {
                name: getattr(proposal, f"{name}_id" if name in foreign_keys else name)
                for name in self.KEPT_FIELDS
                if name not in ("photos", "form_started", "website")
            }
        super().__init__(*args, cycle=None, **kwargs)
        self.proposal = proposal
        for name in list(self.fields):
            if name not in self.KEPT_FIELDS:
                del self.fields[name]
        # The catalogue as allowed at the level the proposal was entered.
        self.fields["item"].queryset = (
            ActivityItem.objects.active().for_level(proposal.entry_level).select_related("sector")
        )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("photos", "form_started", "website"):
            data.pop(name, None)
        return data

    def contacts(self) -> list[str]:
        return [self.proposal.proposer_contact] if self.proposal.proposer_contact else []


# Model field names a service error may name, mapped to this form's fields.
PROPOSAL_FIELD_NAMES = {"repeats": "repeats_reference", "proposer_email": "contact"}


class SupportForm(SpamProtectedForm):
    contact = core_forms.TextField(
        label=_("Your e-mail address or mobile number"),
        max_length=254,
        help_text=_(
            "Counted once you confirm it; you then hear of each change of stage. Never shown publicly."
        ),
    )

    def clean_contact(self):
        value = self.cleaned_data["contact"]
        try:
            followers.normalise_contact(value)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return value


class ListFilterForm(forms.Form):
    """The public list's filters (GET)."""

    tahun = forms.ModelChoiceField(
        label=_("Cycle"),
        queryset=PlanningCycle.objects.published(),
        required=False,
        to_field_name="year",
        empty_label=_("All cycles"),
    )
    tahap = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Proposal.Stage.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All statuses")),
            *[c for c in Proposal.Status.choices if c[0] != Proposal.Status.UNCONFIRMED],
        ],
        required=False,
    )
    sektor = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All sectors"),
    )
    kecamatan = core_forms.KecamatanFilterField()
    kelurahan = KelurahanChoiceField(
        label=_("Kelurahan"),
        queryset=Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name"),
        required=False,
        to_field_name="code",
        empty_label=_("All kelurahan"),
    )
    pokir = forms.ChoiceField(
        label=_("DPRD aspirations (pokir)"),
        choices=[("", _("All proposals")), ("ya", _("Only pokir")), ("tidak", _("Without pokir"))],
        required=False,
    )
    q = core_forms.TextField(label=_("Search"), max_length=100, required=False)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("tahun"):
            queryset = queryset.filter(cycle=data["tahun"])
        if data.get("tahap"):
            queryset = queryset.at_stage(data["tahap"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("sektor"):
            queryset = queryset.filter(sector=data["sektor"])
        if data.get("kecamatan"):
            queryset = queryset.filter(kecamatan=data["kecamatan"])
        if data.get("kelurahan"):
            queryset = queryset.filter(kelurahan=data["kelurahan"])
        if data.get("pokir") == "ya":
            queryset = queryset.filter(proposer_kind=Proposal.ProposerKind.POKIR)
        elif data.get("pokir") == "tidak":
            queryset = queryset.exclude(proposer_kind=Proposal.ProposerKind.POKIR)
        if data.get("q"):
            from django.db.models import Q

            queryset = queryset.filter(Q(title__icontains=data["q"]) | Q(reference__iexact=data["q"]))
        return queryset
