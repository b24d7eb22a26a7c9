"""Excerpts of a result's text with the visitor's search words marked.

Search backends differ in what they return (the database backend gives no highlights), so the
excerpt is built here from the page's own text: escape first, then wrap matches in ``<mark>``.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EXCERPT_LENGTH = 260
MIN_STEM = 4


def query_terms(query: str) -> list[str]:
    """The words of a query worth marking (short words like "di" or "dan" are skipped)."""
    words = re.findall(r"\w+", query.lower())
    return sorted({w for w in words if len(w) >= 3}, key=len, reverse=True)


# Common Indonesian affixes, longest first, so "pengaduan" loses "peng" rather than "pe".
PREFIXES = ("peng", "meng", "pen", "pem", "per", "ber", "mem", "men", "pe", "me", "di", "ke", "se")
SUFFIXES = ("nya", "kan", "an", "i")


def _strip(word: str, affixes: tuple[str, ...], at_start: bool) -> str:
    for affix in affixes:
        matches = word.startswith(affix) if at_start else word.endswith(affix)
        if matches and len(word) - len(affix) >= MIN_STEM:
            return word[len(affix) :] if at_start else word[: -len(affix)]
    return word


def stem_variants(term: str) -> set[str]:
    """The term and its forms without a prefix and/or suffix: "pelayanan" -> {"layanan", "layan", ...}."""
    without_prefix = _strip(term, PREFIXES, at_start=True)
    return {
        term,
        without_prefix,
        _strip(term, SUFFIXES, at_start=False),
        _strip(without_prefix, SUFFIXES, at_start=False),
    }


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    # Match inflected forms too: "pelayanan" marks "layanan" and vice versa through a shared
    # stem, which is how the Indonesian stemmer treats them in the search index.
    variants = sorted({v for term in terms for v in stem_variants(term)}, key=len, reverse=True)
    return re.compile(r"\w*(?:" + "|".join(re.escape(v) for v in variants) + r")\w*", re.IGNORECASE)


def highlight(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, with matches in ``<mark>``."""
    text = " ".join(text.split())
    pattern = _term_pattern(query_terms(query))
    match = pattern.search(text) if pattern else None
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    else:
        start = 0
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
    prefix = "… " if start else ""
    suffix = " …" if start + len(excerpt) < len(text) else ""
    # Escape each piece separately so that a match can never split an HTML entity.
    pieces, position = [], 0
    for found in pattern.finditer(excerpt) if pattern else ():
        pieces.append(escape(excerpt[position : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        position = found.end()
    pieces.append(escape(excerpt[position:]))
    escaped = "".join(pieces)
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 - built from escaped text only
