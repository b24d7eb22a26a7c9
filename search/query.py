"""The site search: every word first, any word as a fallback, a bounded count and ranking.

The old view ran ``len(results)``: the whole ranked search without a limit, and a ``Page`` built
for every match, on every request. Here only the newest ``COUNT_LIMIT + 1`` matches are looked
at: they are counted, and the page asked for is ranked among them. Up to ``COUNT_LIMIT`` matches
the count and the ranking are exactly the search backend's; past it the page says "more than
200 results", suggests another word, and ranks the newest matches (a word found in most of
10,000 articles says little about relevance; the title weight still puts title matches first).

On PostgreSQL (``search.backends``) that is one statement per search: the newest matches found
with an early stop, counted and ranked in the same query. Scoring reads a
match's whole body vector, so only ``RANKED_LIMIT`` of the counted matches are scored: title
matches first, then the newest. Those come first, ordered by score (the first ten pages of
results); the rest follow, title matches first and newest first. Any word is tried only when no
page has every word. Other backends (SQLite, Elasticsearch) take two steps: the ids of the newest
matches, then the ranked page among those ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page as ResultPage
from django.core.paginator import Paginator
from wagtail.models import Locale, Page

from home.visibility import only_public

from .backends import newest_ranked

RESULTS_PER_PAGE = 10
# Past this many matches the page says "more than 200 results" and suggests another word; results
# stop at page 20. For a common word the count costs in proportion to this limit: the newest
# pages are walked until that many matches are found (~1.4 pages per match at 10,000 articles),
# and for a rarer word the matches are merged with that many live pages. At 500 that walk was
# most of what a search cost more at 10,000 articles than at the demo size (README, "Performance
# at 10,000 articles").
COUNT_LIMIT = 200
# Matches scored on PostgreSQL (ten pages of results), title matches taken first; among the
# body-only matches of a common word scores differ by little, and the newest serve readers best.
RANKED_LIMIT = 100


def searchable_pages():
    """Live, public pages below the root in the language being read: what visitors may find
    (a search index filters on the locale's id)."""
    return only_public(Page.objects.live()).exclude(depth__lte=1).filter(locale=Locale.get_active())


def newest_matches(pages, query: str, operator: str, limit: int) -> list[int]:
    """Ids of the newest matches of ``query`` among ``pages``: at most ``limit`` of them.

    Unranked (no score to compute) and limited, so the database can stop early. The database
    backends expose the Django query behind the results, so only ids travel; other backends
    (Elasticsearch) return the pages themselves.
    """
    results = pages.order_by("-id").search(query, operator=operator, order_by_relevance=False)[:limit]
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return [page.pk for page in results]


class CountedPaginator(Paginator):
    """A paginator told its count (at most ``COUNT_LIMIT``) instead of counting the results."""

    def __init__(self, per_page: int, count: int):
        super().__init__([], per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(self._known_count / self.per_page))


def _page_number(asked) -> int:
    """The page asked for; anything but a positive whole number gives the first page."""
    try:
        number = int(asked)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


class _Matches:
    """One operator's matches: the bounded total and any page of the ranked results."""

    def __init__(self, pages, query: str, operator: str, per_page: int):
        self.pages, self.query, self.operator, self.per_page = pages, query, operator, per_page
        self.total: int | None = None  # matches counted, at most COUNT_LIMIT + 1
        self._ids: list[int] | None = None  # the two-step path's newest matches

    def page(self, number: int) -> list[int]:
        """Ids of page ``number``'s results in ranking order (none past the last page)."""
        start = (number - 1) * self.per_page
        stop = min(start + self.per_page, COUNT_LIMIT)
        if start >= stop:
            return []
        results = self.pages.search(self.query, operator=self.operator)
        found = newest_ranked(results, COUNT_LIMIT + 1, RANKED_LIMIT, start, stop)
        if found is None:
            return self._page_in_two_steps(start, stop)
        if found:
            self.total = found[0][1]
        elif start == 0:
            self.total = 0
        return [pk for pk, _candidates in found]

    def _page_in_two_steps(self, start: int, stop: int) -> list[int]:
        if self._ids is None:
            self._ids = newest_matches(self.pages, self.query, self.operator, COUNT_LIMIT + 1)
            self.total = len(self._ids)
        ids = self._ids[:COUNT_LIMIT]
        if not ids:
            return []
        # Ranked by the search backend, but only among these ids: scoring every match of a
        # common word costs a full pass over thousands of index entries on every request.
        ranked = Page.objects.filter(pk__in=ids).search(self.query, operator=self.operator)[start:stop]
        return [page.pk for page in ranked]

    def count(self) -> int:
        """The bounded total, asking for the first page if no page has told it yet."""
        if self.total is None:
            self.page(1)
        return self.total or 0


@dataclass
class SiteSearch:
    """One visitor's search: the operator used, the bounded count and the page of results
    (``page_obj.object_list`` holds page ids in ranking order)."""

    query: str
    operator: str  # "and" (every word) or "or" (any word, when no page has every word)
    count: int  # exact when ``more`` is false, else COUNT_LIMIT
    more: bool  # more than COUNT_LIMIT matches
    page_obj: ResultPage

    @classmethod
    def run(cls, query: str, page_number=1, per_page: int = RESULTS_PER_PAGE) -> SiteSearch:
        """Search, then give page ``page_number`` (a bad number the first page, one past the
        end the last page, as ``Paginator.get_page`` does)."""
        pages = searchable_pages()
        number = _page_number(page_number)
        for operator in ("and", "or"):
            # Every word is required first; a broader search keeps the visitor going.
            matches = _Matches(pages, query, operator, per_page)
            rows = matches.page(number)
            if rows or matches.count():
                break
        total = matches.count()
        paginator = CountedPaginator(per_page, min(total, COUNT_LIMIT))
        if not rows and number > paginator.num_pages:
            number = paginator.num_pages
            rows = matches.page(number)
        return cls(query, operator, paginator.count, total > COUNT_LIMIT, ResultPage(rows, number, paginator))
