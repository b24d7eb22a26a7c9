"""Public forms of e-masyarakat: filing a complaint, tracking it, and the public list's filters."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import groupby

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core import followers
from smartcity.core import forms as core_forms
from smartcity.core.antispam import SpamProtectedForm
from smartcity.core.case_access import CaseAccessForm
from smartcity.core.models import Kelurahan
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.uploads import AttachmentsField

from .models import Complaint, ComplaintCategory

DESCRIPTION_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 5000


class KelurahanByKecamatanIterator(ModelChoiceIterator):
    """Kelurahan choices grouped under their kecamatan (``<optgroup>`` in the select)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset.select_related("kecamatan").order_by("kecamatan__name", "name")
        for kecamatan, group in groupby(queryset, key=lambda kelurahan: kelurahan.kecamatan):
            yield (kecamatan.name, [self.choice(kelurahan) for kelurahan in group])


class KelurahanField(forms.ModelChoiceField):
    iterator = KelurahanByKecamatanIterator

    def label_from_instance(self, obj: Kelurahan) -> str:
        return obj.name


class ComplaintForm(SpamProtectedForm):
    """The public complaint form. Cleans to what ``services.submit_complaint`` expects."""

    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Complaint.Kind.choices,
        initial=Complaint.Kind.COMPLAINT,
        widget=forms.RadioSelect,
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ComplaintCategory.objects.filter(is_active=True),
        empty_label=_("Choose a category"),
    )
    title = core_forms.TextField(
        label=_("Subject"),
        max_length=core_forms.model_max_length(Complaint, "title"),
        help_text=_("A short summary in one line."),
    )
    description = core_forms.MultilineTextField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, where and since when. At most 5,000 characters."),
    )
    kelurahan = KelurahanField(
        label=_("Kelurahan (urban village)"),
        queryset=Kelurahan.objects.all(),
        empty_label=_("Choose a kelurahan"),
    )
    address = core_forms.TextField(
        label=_("Address or landmark"),
        max_length=core_forms.model_max_length(Complaint, "address"),
        required=False,
        help_text=_("Street, house number or a nearby landmark. Not shown publicly."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=Decimal(-90),
        max_value=Decimal(90),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=Decimal(-180),
        max_value=Decimal(180),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    attachments = AttachmentsField(
        label=_("Photos or documents (optional)"),
        help_text=_("Up to 5 files: photos (JPG, PNG, WebP) or PDF, at most 10 MB each."),
    )
    reporter_name = core_forms.NameField(
        label=_("Your name"), max_length=core_forms.model_max_length(Complaint, "reporter_name")
    )
    reporter_email = core_forms.EmailField(
        label=_("E-mail"), max_length=core_forms.model_max_length(Complaint, "reporter_email"), required=False
    )
    # Phone and NIK may be typed with spaces and dashes: longer than what is stored once cleaned.
    reporter_phone = core_forms.TextField(
        label=_("Phone or WhatsApp number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=_("Example: 0812 3456 7890."),
    )
    reporter_nik = core_forms.TextField(
        label=_("NIK (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("The 16-digit number on your KTP. Only the handling agency can see it."),
    )
    hide_name = forms.BooleanField(
        label=_("Hide my name on the public list"),
        required=False,
        help_text=_("Your complaint is listed as “Anonymous”. The handling agency still sees your name."),
    )
    is_private = forms.BooleanField(
        label=_("Keep this complaint private"),
        required=False,
        help_text=_("It will not appear on the public list or map; only the city staff handling it see it."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the City Government of Binjai processes my data to handle this report."),
        error_messages={"required": _("Please give your consent so that we can handle your report.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_bytes = settings.CASE_ATTACHMENT_MAX_BYTES
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files: photos (JPG, PNG, WebP) or PDF, at most %(size)s MB each."
        ) % {"count": settings.CASE_ATTACHMENT_MAX_FILES, "size": max_bytes // (1024 * 1024)}
        autocomplete = {"reporter_name": "name", "reporter_email": "email", "reporter_phone": "tel"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    def clean_reporter_nik(self) -> str:
        return clean_nik(self.cleaned_data.get("reporter_nik", "").replace(" ", "").strip())

    def clean_reporter_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("reporter_phone", "").strip())

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("reporter_email")
            and not cleaned.get("reporter_phone")
            and "reporter_email" not in self.errors
            and "reporter_phone" not in self.errors
        ):
            self.add_error(
                "reporter_email",
                ValidationError(
                    _("Give an e-mail address or a phone number (or both) so that we can reach you."),
                    code="no_contact",
                ),
            )
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.has_error("latitude"):
            self.add_error(
                "latitude",
                ValidationError(
                    _("Give both latitude and longitude, or leave both empty."), code="half_point"
                ),
            )
        return cleaned

    @property
    def contacts(self) -> list[str]:
        """The contacts typed in, for the per-contact rate limit (raw: the form may be invalid)."""
        return [self.data.get("reporter_email", ""), self.data.get("reporter_phone", "")]


class TrackingForm(CaseAccessForm):
    """Reference number and access code, as printed in the confirmation, the receipt and the
    e-mail or SMS. The code is checked case-insensitively, spaces and hyphens ignored."""

    reference_field = "nomor"
    refused = _(
        "We could not open a complaint with this reference number and access code. "
        "Check both against your confirmation e-mail and try again."
    )
    blocked = _("Too many unsuccessful attempts from your connection. Please try again in an hour.")

    nomor = core_forms.TextField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("For example ADU-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    token = core_forms.TextField(
        label=_("Access code"),
        max_length=100,
        help_text=_(
            "10 letters and digits, for example K7QM5-4XRTB. Capitals, spaces and hyphens do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class CitizenMessageForm(forms.Form):
    """The reporter adds information or answers the agency."""

    message = core_forms.MultilineTextField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = AttachmentsField(label=_("Photos or documents (optional)"))

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(_("Write a message."), code="required")
        return message


class RatingForm(forms.Form):
    """1 to 5 stars for the handling, with an optional comment."""

    rating = forms.TypedChoiceField(
        label=_("How well was your complaint handled?"),
        choices=[
            (5, _("5 – very good")),
            (4, _("4 – good")),
            (3, _("3 – fair")),
            (2, _("2 – poor")),
            (1, _("1 – very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = core_forms.MultilineTextField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    """Why the reporter is not satisfied with the resolution."""

    reason = core_forms.MultilineTextField(
        label=_("Why should the complaint be reopened?"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Please give a reason."), code="required")
        return reason


class PublicListFilterForm(forms.Form):
    """Filters of the public list and map (GET parameters in Indonesian, like the rest of the site)."""

    PERIODS = {"30": 30, "90": 90, "365": 365}

    status = forms.ChoiceField(label=_("Status"), required=False)
    kategori = forms.ModelChoiceField(
        label=_("Category"),
        queryset=ComplaintCategory.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    kecamatan = core_forms.KecamatanFilterField()
    periode = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("30", _("Last 30 days")),
            ("90", _("Last 90 days")),
            ("365", _("Last year")),
        ],
    )
    dari = core_forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = core_forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Complaint.Status.choices]

    def filter(self, queryset):
        """Apply the valid filters; an invalid one is ignored (and shown as an error)."""
        if not self.is_bound:
            return queryset
        self.is_valid()
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("kategori"):
            queryset = queryset.filter(category=data["kategori"])
        if data.get("kecamatan"):
            queryset = queryset.filter(kelurahan__kecamatan=data["kecamatan"])
        if data.get("periode"):
            since = timezone.now() - datetime.timedelta(days=self.PERIODS[data["periode"]])
            queryset = queryset.filter(created_at__gte=since)
        if data.get("dari"):
            queryset = queryset.filter(created_at__gte=_start_of(data["dari"]))
        if data.get("sampai"):
            queryset = queryset.filter(created_at__lt=_start_of(data["sampai"] + datetime.timedelta(days=1)))
        return queryset

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the city's time zone (WIB)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class FollowForm(SpamProtectedForm):
    """ "I have this problem too": a neighbour's e-mail address or mobile number."""

    contact = core_forms.TextField(
        label=_("Your e-mail address or mobile number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if followers.sms_available():
            self.fields["contact"].help_text = _(
                "We send a link to an e-mail address, or a code by SMS to a mobile number, to "
                "confirm it; then the status updates of this complaint, each with a link to stop. "
                "Your contact is never shown."
            )
        else:
            self.fields["contact"].label = _("Your e-mail address")
            self.fields["contact"].help_text = _(
                "We send a link to confirm it, then the status updates of this complaint, each with a "
                "link to stop. Your address is never shown."
            )

    def clean_contact(self) -> str:
        return followers.normalise_contact(self.cleaned_data["contact"])[1]

    @property
    def contacts(self) -> list[str]:
        """The contact typed in, for the per-contact rate limit (normalised when it can be)."""
        typed = self.data.get(self.add_prefix("contact"), "")
        try:
            return [followers.normalise_contact(typed)[1]]
        except ValidationError:
            return [typed]


class FollowCodeForm(forms.Form):
    """The code a phone follower received by SMS."""

    code = core_forms.TextField(
        label=_("Code from the SMS"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )
