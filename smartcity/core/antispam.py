"""Spam and abuse protection for every public form.

* A honeypot field that people never see (hidden by CSS, skipped by keyboard and screen
  readers) and bots fill in.
* A signed timestamp: a form sent back faster than ``FORM_MIN_FILL_SECONDS`` after it was shown
  is a bot; one older than ``FORM_MAX_AGE_SECONDS`` is asked to be sent again. Either way the
  form comes back with everything the person typed.
* Rate limits per IP address and per contact (e-mail or phone), counted in the shared cache
  (Redis when ``REDIS_URL`` is set) with django-ratelimit.
"""

from __future__ import annotations

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

SALT = "smartcity.core.antispam.form-started"


class FormStartedField(forms.CharField):
    """The signed time the form was shown; a re-shown form always carries a fresh one.

    Re-rendering the stamp that was sent would make an expired or forged stamp permanent: the
    person would be told to send the form again and be refused every time.
    """

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial


class SpamProtectedForm(forms.Form):
    """Base for public forms: adds the honeypot and the fill-time check."""

    # Named like a real field so that bots fill it; people never see it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = FormStartedField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each rendering carries a fresh stamp; a re-shown form restarts the clock, which is
        # fine because the person has already spent time on it.
        self.initial["form_started"] = signing.dumps(time.time(), salt=SALT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Your submission looks automated. Please try again."), code="honeypot"
            )
        started = self._started_at()
        elapsed = time.time() - started if started else None
        if elapsed is None or elapsed > settings.FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and send it again."), code="expired"
            )
        if elapsed < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your entries and send it again."),
                code="too_fast",
            )
        return cleaned

    def _started_at(self) -> float | None:
        raw = self.data.get(self.add_prefix("form_started"), "")
        try:
            return float(signing.loads(raw, salt=SALT, max_age=settings.FORM_MAX_AGE_SECONDS + 60))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    @property
    def spam_field_names(self) -> tuple[str, str]:
        return ("website", "form_started")


def contact_key(value: str) -> str:
    """A cache key part for an e-mail or phone number that does not store it in clear."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def submission_limited(request, scope: str, contacts: list[str], *, per_ip: str, per_contact: str) -> bool:
    """Count this submission and tell whether a limit is exceeded.

    ``per_ip`` / ``per_contact`` are django-ratelimit rates such as ``"10/h"``.
    """
    limited = is_ratelimited(request, group=f"{scope}:ip", key="ip", rate=per_ip, increment=True)
    for contact in filter(None, contacts):
        key = contact_key(contact)
        limited |= is_ratelimited(
            request,
            group=f"{scope}:contact",
            key=lambda _group, _request, k=key: k,
            rate=per_contact,
            increment=True,
        )
    return limited
