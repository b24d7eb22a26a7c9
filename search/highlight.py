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


def _term_pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    # Match inflected forms too: "pelayanan" marks "layanan" and vice versa by matching on a
    # shared stem, which is how the Indonesian stemmer treats them in the index.
    alternatives = []
    for term in terms:
        alternatives.append(re.escape(term))
        for prefix in ("pe", "pen", "pem", "peng", "per", "ber", "me", "mem", "men", "meng", "di", "ke", "se"):
            if term.startswith(prefix) and len(term) - len(prefix) >= MIN_STEM:
                alternatives.append(re.escape(term[len(prefix):]))
                break
        for suffix in ("nya", "kan", "an", "i"):
            if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
                alternatives.append(re.escape(term[: -len(suffix)]))
                break
    return re.compile(r"\w*(?:" + "|".join(alternatives) + r")\w*", re.IGNORECASE)


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
    escaped = escape(excerpt)
    if pattern:
        escaped = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped)
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 - built from escaped text only
