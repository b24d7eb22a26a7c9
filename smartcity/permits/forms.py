"""Public forms of e-sippadu: eligibility check, applicant, documents, tracking, survey."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smartcity.core.antispam import SpamProtectedForm
from smartcity.core.case_access import CaseAccessForm
from smartcity.core.forms import DateField, EmailField, MultilineTextField, NameField, TextField
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.uploads import check_upload

from .models import ApplicantKind, PermitType
from .models.application import SURVEY_ELEMENTS


class EligibilityForm(forms.Form):
    """A few questions: who applies and what they plan; answered per type (data, not code)."""

    applicant_kind = forms.ChoiceField(
        label=_("Who is applying?"),
        choices=[
            (ApplicantKind.PERSON, _("Myself, as a person")),
            (ApplicantKind.COMPANY, _("A company or organisation")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, permit_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.permit_types = list(permit_types)
        for permit_type in self.permit_types:
            self.fields[f"type_{permit_type.pk}"] = forms.BooleanField(
                label=permit_type.eligibility_question, required=False
            )

    def matches(self) -> list[PermitType]:
        kind = self.cleaned_data["applicant_kind"]
        return [t for t in self.permit_types if self.cleaned_data.get(f"type_{t.pk}") and t.accepts(kind)]

    def excluded(self) -> list[PermitType]:
        """Types the applicant said yes to but may not apply for as this kind of applicant."""
        kind = self.cleaned_data["applicant_kind"]
        return [t for t in self.permit_types if self.cleaned_data.get(f"type_{t.pk}") and not t.accepts(kind)]


class ApplicantForm(forms.Form):
    """The applicant and the type's own questions (the public form and the counter's)."""

    applicant_kind = forms.ChoiceField(label=_("Applicant"), widget=forms.RadioSelect)
    applicant_name = NameField(
        label=_("Full name"),
        max_length=120,
        help_text=_("As on your KTP; for a company, the contact person."),
    )
    nik = TextField(label=_("NIK"), max_length=20, required=False, help_text=_("16 digits, as on your KTP."))
    company_name = TextField(label=_("Company name"), max_length=200, required=False)
    nib = TextField(
        label=_("NIB (business identification number)"),
        max_length=20,
        required=False,
        help_text=_("13 digits, from OSS."),
    )
    npwp = TextField(label=_("Company NPWP"), max_length=25, required=False, help_text=_("15 or 16 digits."))
    email = EmailField(
        label=_("E-mail"), required=False, help_text=_("We send the registration number and updates here.")
    )
    phone = TextField(label=_("Mobile phone"), max_length=20, required=False)
    address = TextField(label=_("Address"), max_length=255)
    consent = forms.BooleanField(
        label=_("I agree that my data is processed to handle this application."),
        error_messages={"required": _("Please agree so that we can handle your application.")},
    )

    def __init__(self, *args, permit_type: PermitType, **kwargs):
        super().__init__(*args, **kwargs)
        self.permit_type = permit_type
        kinds = [c for c in ApplicantKind.choices if c[0] != ApplicantKind.BOTH and permit_type.accepts(c[0])]
        self.fields["applicant_kind"].choices = kinds
        if len(kinds) == 1:
            self.fields["applicant_kind"].initial = kinds[0][0]
        self.question_names = []
        for definition in permit_type.field_definitions():
            name = f"q_{definition['name']}"
            self.fields[name] = _question_field(definition)
            self.question_names.append(name)

    @property
    def questions(self):
        return [self[name] for name in self.question_names]

    @property
    def contacts(self) -> list[str]:
        return [self.data.get("email", ""), self.data.get("phone", "")]

    def clean_nik(self):
        return clean_nik(re.sub(r"\s", "", self.cleaned_data["nik"]))

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_nib(self):
        nib = re.sub(r"\D", "", self.cleaned_data["nib"])
        if nib and len(nib) != 13:
            raise ValidationError(_("A NIB has 13 digits."))
        return nib

    def clean_npwp(self):
        npwp = re.sub(r"\D", "", self.cleaned_data["npwp"])
        if npwp and len(npwp) not in (15, 16):
            raise ValidationError(_("An NPWP has 15 or 16 digits."))
        return npwp

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_kind")
        if kind == ApplicantKind.PERSON and not cleaned.get("nik") and not self.has_error("nik"):
            self.add_error("nik", _("Give your NIK."))
        if kind == ApplicantKind.COMPANY:
            for name, message in (
                ("company_name", _("Give the company's name.")),
                ("nib", _("Give the company's NIB.")),
                ("npwp", _("Give the company's NPWP.")),
            ):
                if not cleaned.get(name) and not self.has_error(name):
                    self.add_error(name, message)
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            self.add_error("email", _("Give an e-mail address or a phone number so that we can reach you."))
        return cleaned

    def applicant_data(self) -> dict:
        data = {
            k: self.cleaned_data.get(k, "")
            for k in (
                "applicant_kind",
                "applicant_name",
                "nik",
                "company_name",
                "nib",
                "npwp",
                "email",
                "phone",
                "address",
            )
        }
        if data["applicant_kind"] == ApplicantKind.PERSON:
            data.update(company_name="", nib="", npwp="")
        return data

    def answers(self) -> dict:
        answers = {}
        for name in self.question_names:
            value = self.cleaned_data.get(name)
            answers[name[2:]] = (
                value.isoformat()
                if hasattr(value, "isoformat")
                else (str(value) if value is not None else "")
            )
        return answers


class ApplicationForm(SpamProtectedForm, ApplicantForm):
    """The public application form: the applicant and the type's questions; saved as a draft."""


def _question_field(definition: dict) -> forms.Field:
    common = {
        "label": definition["label"],
        "required": bool(definition.get("required")),
        "help_text": definition.get("help_text", ""),
    }
    kind = definition.get("kind", "text")
    if kind == "long_text":
        return MultilineTextField(max_length=2000, **common)
    if kind == "number":
        return forms.DecimalField(min_value=0, max_digits=12, decimal_places=2, **common)
    if kind == "date":
        return DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if kind == "choice":
        choices = [
            (c.strip(), c.strip()) for c in (definition.get("choices") or "").splitlines() if c.strip()
        ]
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    return TextField(max_length=255, **common)


class DocumentsForm(forms.Form):
    """One file per requirement; each checked by its bytes (``core.uploads``) and its type."""

    def __init__(self, *args, application=None, permit_type: PermitType | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        permit_type = permit_type or application.permit_type
        self.requirements = list(permit_type.requirements.all())
        uploaded = {u.requirement_id: u for u in application.uploads.all()} if application else {}
        self.rows = []
        for requirement in self.requirements:
            name = f"requirement_{requirement.pk}"
            self.fields[name] = forms.FileField(
                label=requirement.label,
                required=False,
                help_text=" ".join(
                    filter(None, [requirement.guidance, str(requirement.get_file_kinds_display())])
                ),
                widget=forms.ClearableFileInput(attrs={"accept": requirement.accept_attribute}),
            )
            self.rows.append(
                {"field": self[name], "requirement": requirement, "upload": uploaded.get(requirement.pk)}
            )

    def clean(self):
        cleaned = super().clean()
        self.documents = {}
        for requirement in self.requirements:
            name = f"requirement_{requirement.pk}"
            upload = cleaned.get(name)
            if not upload:
                continue
            try:
                checked = check_upload(upload)
            except ValidationError as error:
                self.add_error(name, error)
                continue
            if checked.mime_type not in requirement.mime_types:
                self.add_error(
                    name,
                    _("This file is not accepted here: send %(kinds)s.")
                    % {"kinds": requirement.get_file_kinds_display()},
                )
                continue
            self.documents[requirement.pk] = checked
        return cleaned


class ReuseForm(forms.Form):
    """For each reusable requirement: an accepted file of an earlier application to take over.

    ``candidates`` maps a requirement to the files ``services.reusable_documents`` offers; the
    service checks every rule again when the choice is saved."""

    def __init__(self, *args, candidates: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = {}
        for requirement, uploads in candidates.items():
            if not uploads:
                continue
            name = f"reuse_{requirement.pk}"
            self.requirements[name] = requirement
            self.fields[name] = forms.TypedChoiceField(
                label=requirement.label,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[
                    ("", _("Keep as it is")),
                    *(
                        (upload.pk, f"{upload.application.reference}: {upload.attachment.original_name}")
                        for upload in uploads
                    ),
                ],
            )

    def chosen(self) -> list[tuple]:
        """(requirement, earlier upload id) for every requirement given a file."""
        return [
            (requirement, self.cleaned_data[name])
            for name, requirement in self.requirements.items()
            if self.cleaned_data.get(name)
        ]


class TrackForm(CaseAccessForm):
    """Registration number and access code, as in the receipt and the e-mail."""

    refused = _("The registration number and access code do not match.")

    code = forms.CharField(
        label=_("Registration number"),
        max_length=20,
        help_text=_("For example IZN-2026-000057, or the draft number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    token = forms.CharField(
        label=_("Access code"),
        max_length=100,
        help_text=_("The private code from your receipt or e-mail."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


SCORES = [("4", _("Very good")), ("3", _("Good")), ("2", _("Fair")), ("1", _("Not good"))]


class SurveyForm(forms.Form):
    """The national public-service satisfaction survey (SKM): nine elements, 1–4 each."""

    suggestion = MultilineTextField(label=_("Suggestion (optional)"), max_length=1000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        suggestion = self.fields.pop("suggestion")
        for name, label in SURVEY_ELEMENTS:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect
            )
        self.fields["suggestion"] = suggestion

    def scores(self) -> dict:
        return {name: self.cleaned_data[name] for name, _label in SURVEY_ELEMENTS}
