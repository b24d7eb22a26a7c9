"""Form fields and helpers shared by every public form (complaints, appointments, permits, PPID...).

* ``TextField`` / ``NameField`` / ``MultilineTextField`` / ``EmailField``: text cleaned by
  ``smartcity.core.cleaning`` (invisible characters and bidi controls removed; text that is empty
  once they are gone counts as empty), with the limit of the model field they fill.
* ``DateField``: a date within the range the portal can compute with, or a clear message.
* ``KecamatanFilterField``: a public list's filter by kecamatan, by its code in the URL.
* ``add_service_errors``: a ValidationError raised by a service (for example by a model's
  ``full_clean``) shown on the form, next to the field it concerns, instead of a server error.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .cleaning import check_date_range, clean_text
from .models import Kecamatan


def model_max_length(model, field_name: str) -> int | None:
    """The ``max_length`` of a model field, so a form never allows more than the model stores."""
    return model._meta.get_field(field_name).max_length


class TextField(forms.CharField):
    """One line of text: invisible and control characters and bidi controls removed."""

    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_text(value, multiline=self.multiline) or self.empty_value


class NameField(TextField):
    """A person's name (single line, no bidi controls, so it cannot display reversed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("autocomplete", "name")


class MultilineTextField(TextField):
    """Free text over several lines (descriptions, messages): line breaks kept."""

    multiline = True
    widget = forms.Textarea


class EmailField(forms.EmailField):
    """An e-mail address, lower-cased, without invisible characters; at most 254 characters
    (what ``models.EmailField`` stores and what SMTP allows), not forms' default of 320."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 254)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value).lower() if value else value


class DateField(forms.DateField):
    """A date the portal can compute with (``cleaning.EARLIEST_DATE``–``LATEST_DATE``)."""

    def validate(self, value):
        super().validate(value)
        if value:
            check_date_range(value)


class KecamatanFilterField(forms.ModelChoiceField):
    """A public list's filter by kecamatan (district): optional, "All kecamatan" first, and the
    kecamatan's Kemendagri code in the URL (``?kecamatan=12.75.01``), never a database id."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kecamatan"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", _("All kecamatan"))
        super().__init__(queryset=Kecamatan.objects.all(), to_field_name="code", **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError, field_names: dict[str, str] | None = None):
    """Show a service's ValidationError on ``form``: on the field it names where the form has it
    (model field names are mapped through ``field_names`` first), otherwise above the form."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = field_names.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def service_error_messages(error: ValidationError, field_names: dict[str, str] | None = None) -> list[str]:
    """A service's ValidationError as messages that name the field (``"email: ..."``), for APIs."""
    field_names = field_names or {}
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.error_dict.items():
        label = field_names.get(name, name)
        for message in ValidationError(errors).messages:
            messages.append(message if name == "__all__" else f"{label}: {message}")
    return messages
