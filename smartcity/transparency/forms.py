"""Public forms of the PPID: the information request, opening it, the objection, the dispute."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smartcity.core.antispam import SpamProtectedForm
from smartcity.core.case_access import CaseAccessForm
from smartcity.core.forms import (
    DateField,
    EmailField,
    MultilineTextField,
    NameField,
    TextField,
    model_max_length,
)
from smartcity.core.models import Agency
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.uploads import AttachmentsField

from .models import InformationRequest, Objection, ObjectionGround

R = InformationRequest


class InformationRequestForm(SpamProtectedForm):
    """Who asks, how to reach them, what they want and why, how to receive it, the ID card copy."""

    agency = forms.ModelChoiceField(
        label=_("Agency you ask"),
        queryset=Agency.objects.active(),
        empty_label=_("Choose an agency"),
        help_text=_("If another agency holds the information, the request is forwarded to it."),
    )
    requester_kind = forms.ChoiceField(
        label=_("You ask as"), choices=R.RequesterKind.choices, widget=forms.RadioSelect, initial="person"
    )
    name = NameField(
        label=_("Name (of the person or the organisation)"), max_length=model_max_length(R, "name")
    )
    nik = forms.CharField(
        label=_("NIK"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "For a person: the 16-digit number on your KTP. Only the agency's information officers see it."
        ),
    )
    legal_status = TextField(
        label=_("Legal status of the organisation"),
        max_length=model_max_length(R, "legal_status"),
        required=False,
        help_text=_(
            "For an organisation: its legal form and founding deed or decree, e.g. Yayasan, Akta No. 12/2020."
        ),
    )
    occupation = TextField(
        label=_("Occupation (optional)"), max_length=model_max_length(R, "occupation"), required=False
    )
    address = MultilineTextField(
        label=_("Address"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    email = EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone or WhatsApp number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Example: 0812 3456 7890. Give an e-mail address, a phone number or both."),
    )
    information_wanted = MultilineTextField(
        label=_("Information you request"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    purpose = MultilineTextField(
        label=_("What you will use it for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    delivery = forms.ChoiceField(
        label=_("How you want to receive it"), choices=R.Delivery.choices, widget=forms.RadioSelect
    )
    id_card = AttachmentsField(
        label=_("Copy of your ID card (KTP) or the organisation's legal document"),
        required=True,
        max_files=1,
        help_text=_("A photo or PDF, at most 10 MB. Only the agency's information officers see it."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the City Government of Binjai processes my data to handle this request."),
        error_messages={"required": _("Please give your consent so that we can handle your request.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["id_card"].error_messages["required"] = _(
            "Attach a copy of your ID card or legal document."
        )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", "").strip())

    def clean_nik(self) -> str:
        return clean_nik(self.cleaned_data.get("nik", "").replace(" ", "").strip())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("requester_kind")
        if kind == R.RequesterKind.PERSON and not cleaned.get("nik") and not self.has_error("nik"):
            self.add_error("nik", ValidationError(_("A person gives their NIK."), code="nik_required"))
        if kind == R.RequesterKind.ORGANISATION and not cleaned.get("legal_status"):
            self.add_error(
                "legal_status",
                ValidationError(_("An organisation gives its legal status."), code="legal_required"),
            )
        if kind == R.RequesterKind.ORGANISATION:
            cleaned["nik"] = ""
        else:
            cleaned["legal_status"] = ""
        no_contact = not cleaned.get("email") and not cleaned.get("phone")
        if no_contact and not self.has_error("email") and not self.has_error("phone"):
            self.add_error(
                "email",
                ValidationError(
                    _("Give an e-mail address or a phone number (or both) so that we can reach you."),
                    code="no_contact",
                ),
            )
        if (
            cleaned.get("delivery") == R.Delivery.EMAIL
            and not cleaned.get("email")
            and not self.has_error("email")
        ):
            self.add_error(
                "email",
                ValidationError(_("To receive it by e-mail, give your e-mail address."), code="email_needed"),
            )
        return cleaned

    @property
    def contacts(self) -> list[str]:
        return [self.data.get("email", ""), self.data.get("phone", "")]

    def request_data(self) -> dict:
        fields = ("requester_kind", "name", "nik", "legal_status", "occupation", "address", "email", "phone")
        fields += ("information_wanted", "purpose", "delivery")
        return {name: self.cleaned_data.get(name, "") for name in fields}


class OpenRequestForm(CaseAccessForm):
    """Request number and access code, as in the confirmation and the e-mail."""

    reference_field = "nomor"
    code_field = "kode"
    refused = _("The request number and access code do not match.")

    nomor = forms.CharField(
        label=_("Request number"),
        max_length=20,
        help_text=_("For example PPID-2026-000031."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    kode = forms.CharField(
        label=_("Access code"),
        max_length=100,
        help_text=_("The private code from your confirmation or e-mail."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ObjectionForm(forms.Form):
    """The ground of art. 35 and the case as the requester puts it."""

    ground = forms.ChoiceField(
        label=_("Ground of the objection"), choices=ObjectionGround.choices, widget=forms.RadioSelect
    )
    case_position = MultilineTextField(
        label=_("Explain your objection"),
        max_length=model_max_length(Objection, "case_position") or 4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DisputeForm(forms.Form):
    """The day the requester filed the dispute with the Information Commission."""

    filed_on = DateField(
        label=_("Filed with the Information Commission on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = TextField(
        label=_("The Commission's registration number (optional)"), max_length=100, required=False
    )
