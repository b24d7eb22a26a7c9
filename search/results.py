"""What a search result shows of its page, kept until content changes.

A result shows its page's kind, title, link and date, and an excerpt cut from the page's text.
Building that reads the page whole (a query for the pages and one per page type, every body
decoded, the link routed through the site's tree), and the same pages come back for many
searches. So each page's ``ResultCard`` is kept in the cache: a search reads the cards of its
ten results in one round trip and reads pages only for the cards not kept yet.

The key holds the content generation (any publish, unpublish or move makes every card stale,
as for the cached pages, see ``cms.cache``), the site (a link is relative on its own site) and
the language (the kind's label and the date's month are translated).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.cache import cached_many_until_change

from .highlight import result_type_label, stream_text

CARD_SECONDS = 3600


@dataclass(frozen=True)
class ResultCard:
    title: str
    url: str
    label: str  # the page's kind in plain words: "Berita", "Halaman"
    # A news article's date, as the machine reads it and as people do ("9 Maret 2026");
    # empty for other pages. Formatted once here: two date filters were half a result's rendering.
    date_iso: str
    date_text: str
    text: str  # summary or introduction, then the body: what the excerpt is cut from


def searchable_text(page) -> str:
    """The text a result's excerpt is cut from: summary or introduction, then the body."""
    parts = [getattr(page, "summary", "") or getattr(page, "intro", "") or page.search_description]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.append(stream_text(body))  # spaced at every block and line break
    return " ".join(str(p) for p in parts if p)


def make_card(page, request) -> ResultCard:
    date = getattr(page, "date", None)
    dated = isinstance(date, datetime.date)
    return ResultCard(
        title=page.title,
        url=page.get_url(request),
        label=result_type_label(page),
        date_iso=date.isoformat()[:10] if dated else "",
        date_text=dateformat.format(date, "j F Y") if dated else "",
        text=searchable_text(page),
    )


def result_cards(ids, request) -> dict[int, ResultCard]:
    """The card of each page of ``ids`` that still exists, by id.

    Pages without a kept card are read in one go (a query per page type), not one by one.
    """
    site = Site.find_for_request(request)

    def make_cards(unread):
        return {page.pk: make_card(page, request) for page in Page.objects.filter(pk__in=unread).specific()}

    name = f"searchresult-v2:{site.pk if site else 0}:{get_language()}"
    return cached_many_until_change(name, ids, make_cards, CARD_SECONDS)
