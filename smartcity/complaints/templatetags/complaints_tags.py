"""Template filters for e-masyarakat's public pages."""

import datetime

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_text(value: datetime.timedelta | None) -> str:
    """A handling time people can read: hours under two days, days (one decimal) above."""
    if value is None:
        return "–"
    hours = value.total_seconds() / 3600
    if hours < 48:
        rounded = round(hours, 1)
        return ngettext("%(n)s hour", "%(n)s hours", int(rounded) or 1) % {
            "n": number_format(rounded, 1 if rounded % 1 else 0)
        }
    days = round(hours / 24, 1)
    return ngettext("%(n)s day", "%(n)s days", int(days)) % {"n": number_format(days, 1 if days % 1 else 0)}


@register.filter
def percent(share: float | None) -> str:
    """0.756 → "75.6 %" (in the active language's number format)."""
    if share is None:
        return "–"
    value = round(share * 100, 1)
    return _("%(n)s%%") % {"n": number_format(value, 1 if value % 1 else 0)}
