"""Excerpts of a result's text with the visitor's search words marked.

Search backends differ in what they return (the database backend gives no highlights), so the
excerpt is built here from the page's own text: escape first, then wrap matches in ``<mark>``.
"""

import functools
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

EXCERPT_LENGTH = 260
MIN_STEM = 4


# Where a line or block ends in rich text, the words on either side must stay apart: Wagtail's
# own indexing text turns "Binjai<br>Jl." into "BinjaiJl." (it only knows "<br/>").
BLOCK_BOUNDARY = re.compile(
    r"<br\b[^>]*>|<hr\b[^>]*>|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|tr|td|th|table|figure)\b[^>]*>",
    re.IGNORECASE,
)


def rich_text_to_plain(html: str) -> str:
    """Plain text of rich text, with a space wherever a line or block ends."""
    return " ".join(unescape(strip_tags(BLOCK_BOUNDARY.sub(" ", html))).split())


def _block_text(block, value) -> list[str]:
    if value is None:
        return []
    if isinstance(block, blocks.RichTextBlock):
        # The stored source, not str(value): that would expand links and embeds to HTML first.
        return [rich_text_to_plain(value.source if hasattr(value, "source") else str(value))]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child_block in block.child_blocks.items()
            for text in _block_text(child_block, value.get(name))
        ]
    return [str(text) for text in block.get_searchable_content(value)]


def stream_text(stream_value) -> str:
    """The words of a StreamField value, one space between blocks, lines and table cells."""
    return " ".join(text for text in _block_text(stream_value.stream_block, stream_value) if text)


def result_type_label(page) -> str:
    """A plain word for what a search result is: "Berita" for news, "Halaman" for other pages.

    A page model may say otherwise with a ``search_result_label`` attribute.
    """
    return str(getattr(page, "search_result_label", None) or _("Page"))


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


@functools.lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Match inflected forms too: "pelayanan" marks "layanan" and vice versa through a shared
    # stem, which is how the Indonesian stemmer treats them in the search index.
    variants = sorted({v for term in terms for v in stem_variants(term)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in variants), re.IGNORECASE)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what "\w" matches


def _marked_words(pattern: re.Pattern, text: str):
    r"""(start, end) of each whole word of ``text`` that contains a match of ``pattern``.

    The same spans as ``\b\w*(?:variants)\w*``, found by searching the variants alone and
    widening each match to its word: that regex backtracks through every word, which made it
    the costliest part of a result when the text does not contain the word at all (a title match).
    """
    position = 0
    while match := pattern.search(text, position):
        start, end = match.start(), match.end()
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        while end < len(text) and _is_word_char(text[end]):
            end += 1
        yield start, end
        position = end


def highlight(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, with matches in ``<mark>``."""
    text = " ".join(text.split())
    pattern = _term_pattern(tuple(query_terms(query)))
    first = next(_marked_words(pattern, text), None) if pattern else None
    start = text.rfind(" ", 0, first[0] - length // 3) + 1 if first and first[0] > length // 3 else 0
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
    prefix = "… " if start else ""
    suffix = " …" if start + len(excerpt) < len(text) else ""
    # Escape each piece separately so that a match can never split an HTML entity.
    pieces, position = [], 0
    for word_start, word_end in _marked_words(pattern, excerpt) if pattern else ():
        pieces.append(escape(excerpt[position:word_start]))
        pieces.append(f"<mark>{escape(excerpt[word_start:word_end])}</mark>")
        position = word_end
    pieces.append(escape(excerpt[position:]))
    escaped = "".join(pieces)
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 - built from escaped text only
