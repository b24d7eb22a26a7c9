"""Cleaning what people type: invisible characters, bidi controls, and dates out of range.

Used by the form fields in ``smartcity.core.forms`` and by APIs that read input without a form.

* Text that is empty once invisible characters (zero-width spaces, joiners, the byte-order mark,
  Hangul fillers, bidi marks...) are removed counts as empty: "required" means something visible.
* Bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed from
  all text: they can make text display in another order than it is stored ("Trojan Source"
  spoofing of names, references and file names) and leak their effect into the page around them.
* Single-line text (names, subjects, addresses) loses every invisible format character and every
  control character; multi-line text keeps line breaks and tabs and the joiners that some scripts
  and emoji need, but loses other control characters.
* Dates outside ``EARLIEST_DATE``–``LATEST_DATE`` are refused: arithmetic on them (a day more, a
  time zone conversion) overflows Python's datetime, and no case of the city is dated there.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Shown as nothing, but not "format" characters in Unicode's sense.
BLANK_LOOKING = "\u115f\u1160\u3164\uffa0\u2800"
# Kept in multi-line text only: scripts and emoji sequences need the joiners; line breaks and tabs.
MULTILINE_KEEP = frozenset("\u200c\u200d\n\r\t")

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cf", "Cc", "Cs", "Zl", "Zp") or char in BLANK_LOOKING


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` without bidi controls and invisible characters, surrounding space stripped.

    Returns "" when nothing visible is left.
    """
    if not value:
        return ""
    value = BIDI_CONTROLS.sub("", value)
    if multiline:
        value = "".join(c for c in value if c in MULTILINE_KEEP or not _invisible(c))
    else:
        value = "".join(" " if c in "\t\n\r" else c for c in value if c in "\t\n\r" or not _invisible(c))
    value = value.strip()
    if not value or all(_invisible(c) or c.isspace() for c in value):
        return ""
    return value


def check_date_range(value: datetime.date | datetime.datetime) -> None:
    """Raise a ValidationError for a date the portal cannot handle (see the module docstring)."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return
    params = {
        "earliest": formats.date_format(EARLIEST_DATE, "DATE_FORMAT"),
        "latest": formats.date_format(LATEST_DATE, "DATE_FORMAT"),
    }
    message = _("Enter a date between %(earliest)s and %(latest)s.")
    raise ValidationError(message, code="date_out_of_range", params=params)
