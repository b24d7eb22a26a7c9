"""Public forms of e-appointment: booking a slot and opening one's booking with its code."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from smartcity.core.antispam import SpamProtectedForm
from smartcity.core.case_access import CaseAccessForm
from smartcity.core.forms import EmailField, MultilineTextField, NameField, model_max_length
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.working_days import WIB

from .models import Booking


def parse_slot_start(value: str) -> datetime.datetime | None:
    """An ISO 8601 time as sent by the slot calendar or the API; naive means WIB."""
    try:
        moment = parse_datetime((value or "").strip())
    except ValueError:
        return None
    if moment is None:
        return None
    return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment


class SlotStartField(forms.CharField):
    """The chosen slot's start, carried as ISO 8601 text; any value is re-checked by the service."""

    widget = forms.HiddenInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        moment = parse_slot_start(value)
        if moment is None:
            raise ValidationError(_("Choose a time from the calendar."), code="invalid_start")
        return moment


class BookingForm(SpamProtectedForm):
    """Name, contact, optional NIK, purpose and consent for one chosen slot."""

    start = SlotStartField(
        label=_("Time"), error_messages={"required": _("Choose a time from the calendar.")}
    )
    name = NameField(label=_("Your name"), max_length=model_max_length(Booking, "name"))
    email = EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone or WhatsApp number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
        help_text=_("Example: 0812 3456 7890."),
    )
    nik = forms.CharField(
        label=_("NIK (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("The 16-digit number on your KTP. Only the service's staff can see it."),
    )
    purpose = MultilineTextField(
        label=_("Purpose of the visit"),
        max_length=Booking._meta.get_field("purpose").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the City Government of Binjai processes my data to handle this appointment."),
        error_messages={"required": _("Please give your consent so that we can book your appointment.")},
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        choices = service.purpose_choices()
        if choices:
            self.fields["purpose"] = forms.ChoiceField(
                label=_("Purpose of the visit"),
                choices=[("", _("Choose a purpose"))] + [(c, c) for c in choices],
            )
        if service.purpose_help:
            self.fields["purpose"].help_text = service.purpose_help
        for name, value in {"name": "name", "email": "email", "phone": "tel"}.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", "").strip())

    def clean_nik(self) -> str:
        return clean_nik(self.cleaned_data.get("nik", "").replace(" ", "").strip())

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("email") and not cleaned.get("phone")
        if no_contact and not self.has_error("email") and not self.has_error("phone"):
            self.add_error(
                "email",
                ValidationError(
                    _("Give an e-mail address or a phone number (or both) so that we can reach you."),
                    code="no_contact",
                ),
            )
        return cleaned

    @property
    def contacts(self) -> list[str]:
        return [self.data.get("email", ""), self.data.get("phone", "")]

    def booking_data(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("name", "email", "phone", "nik", "purpose")}


class ManageBookingForm(CaseAccessForm):
    """Booking code and access token, as in the confirmation and the e-mail."""

    refused = _("The booking code and access code do not match.")

    code = forms.CharField(
        label=_("Booking code"),
        max_length=20,
        help_text=_("For example JT-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    token = forms.CharField(
        label=_("Access code"),
        max_length=100,
        help_text=_("The private code from your confirmation or e-mail."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class MoveBookingForm(forms.Form):
    start = SlotStartField(label=_("New time"), error_messages={"required": _("Choose a new time.")})


# --- Staff forms (admin) --------------------------------------------------------------------------


def slot_choices(slots, time_format: str) -> list[tuple[str, str]]:
    """Radio choices for free slots: the ISO start, and "09:30 (2 free)" to read."""
    return [
        (
            slot.start.isoformat(),
            _("%(time)s (%(count)s free)")
            % {"time": slot.start.astimezone(WIB).strftime(time_format), "count": slot.available},
        )
        for slot in slots
    ]


class StaffBookingForm(forms.Form):
    """Staff book a free time for a citizen at the counter or on the phone.

    The times offered are the free slots of the chosen day; whatever is posted is decided by
    ``services.book`` under the service lock, like a citizen's booking.
    """

    start = SlotStartField(
        label=_("Time"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a free time.")},
    )
    name = NameField(label=_("Citizen's name"), max_length=model_max_length(Booking, "name"))
    email = EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone or WhatsApp number"),
        max_length=20,
        required=False,
        help_text=_("The booking code is sent to the e-mail address and the phone, if given."),
    )
    nik = forms.CharField(label=_("NIK (optional)"), max_length=20, required=False)
    purpose = MultilineTextField(
        label=_("Purpose of the visit"),
        max_length=Booking._meta.get_field("purpose").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "The citizen agrees that the City Government of Binjai processes their data for this appointment."
        ),
        error_messages={"required": _("Ask the citizen for their consent first.")},
    )

    def __init__(self, *args, service, free_slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["start"].widget.choices = slot_choices(free_slots, "%H:%M")
        choices = service.purpose_choices()
        if choices:
            self.fields["purpose"] = forms.ChoiceField(
                label=_("Purpose of the visit"),
                choices=[("", _("Choose a purpose"))] + [(c, c) for c in choices],
            )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", "").strip())

    def clean_nik(self) -> str:
        return clean_nik(self.cleaned_data.get("nik", "").replace(" ", "").strip())

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("email") and not cleaned.get("phone")
        if no_contact and not self.has_error("email") and not self.has_error("phone"):
            self.add_error(
                "email",
                _("Give an e-mail address or a phone number (or both) so that we can reach the citizen."),
            )
        return cleaned

    def booking_data(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("name", "email", "phone", "nik", "purpose")}


class CloseServiceForm(forms.Form):
    """Close a service for a day or a period of it; every citizen booked there is told."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    since = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave both times empty to close the whole day."),
    )
    until = forms.TimeField(label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        help_text=_("Sent to every citizen whose booking is cancelled, e.g. “The official is away on duty”."),
    )


class WaitlistForm(BookingForm):
    """Name, contact, purpose and consent to wait for a place on one full day."""

    start = None
    nik = None
    day = forms.DateField(
        label=_("Day"),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose a full day from the calendar."),
            "invalid": _("Choose a full day from the calendar."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that the City Government of Binjai processes my data to offer me a place."),
        error_messages={"required": _("Please give your consent so that we can put you on the waitlist.")},
    )

    def waitlist_data(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("name", "email", "phone", "purpose")}


class WaitlistAccessForm(ManageBookingForm):
    """Waitlist number and access code, as in the e-mail."""

    refused = _("The waitlist number and access code do not match.")

    code = forms.CharField(
        label=_("Waitlist number"),
        max_length=20,
        help_text=_("For example DT-2026-000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
