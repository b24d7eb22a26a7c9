"""The site search: every word first, any word as a fallback, a bounded count and ranking.

The old view ran ``len(results)``: the whole ranked search without a limit, and a ``Page`` built
for every match, on every request. Here the search engine is asked at most three small
questions: the ids of the newest pages having every word (at most ``COUNT_LIMIT + 1``), the same
for any word when none has every word, and the ranked ``RESULTS_PER_PAGE`` of the page asked for,
scored among those ids only. Up to ``COUNT_LIMIT`` matches the count and the ranking are exactly
the search backend's; past it the page says "more than 1,000 results" and ranks the 1,000 newest
matches (a word found in most of 10,000 articles says little about relevance; the title weight
still puts title matches first).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from wagtail.models import Locale, Page

from home.visibility import only_public

from .backends import restrict_to_objects

RESULTS_PER_PAGE = 10
# Past this many matches the page says "more than 1,000 results"; nobody pages further than
# 100 pages of results, and counting further would cost a full pass over the matches.
COUNT_LIMIT = 1000


def searchable_pages():
    """Live, public pages below the root in the language being read: what visitors may find
    (a search index filters on the locale's id)."""
    return only_public(Page.objects.live()).exclude(depth__lte=1).filter(locale=Locale.get_active())


def newest_matches(pages, query: str, operator: str, limit: int | None = None) -> list[int]:
    """Ids of the newest matches of ``query`` among ``pages``: at most ``limit + 1`` of them.

    Unranked (no score to compute) and limited, so the database can stop early. The database
    backends expose the Django query behind the results, so only ids travel; other backends
    (Elasticsearch) return the pages themselves.
    """
    limit = COUNT_LIMIT if limit is None else limit
    results = pages.order_by("-id").search(query, operator=operator, order_by_relevance=False)[: limit + 1]
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", flat=True))
    return [page.pk for page in results]


class CountedPaginator(Paginator):
    """A paginator told its count (at most ``COUNT_LIMIT``) instead of counting the results."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(self._known_count / self.per_page))


@dataclass
class SiteSearch:
    """One visitor's search: the operator used, the bounded count and a paginator."""

    query: str
    operator: str  # "and" (every word) or "or" (any word, when no page has every word)
    count: int  # exact when ``more`` is false, else COUNT_LIMIT
    more: bool  # more than COUNT_LIMIT matches
    paginator: Paginator

    @classmethod
    def run(cls, query: str, per_page: int = RESULTS_PER_PAGE) -> SiteSearch:
        pages = searchable_pages()
        operator = "and"
        ids = newest_matches(pages, query, operator)
        if not ids:
            # Every word is required first; a broader search keeps the visitor going.
            operator = "or"
            ids = newest_matches(pages, query, operator)
        more = len(ids) > COUNT_LIMIT
        ids = ids[:COUNT_LIMIT]
        if not ids:
            return cls(query, operator, 0, False, CountedPaginator([], per_page, 0))
        # Ranked by the search backend, but only among these ids: scoring every match of a
        # common word costs a full pass over thousands of index entries on every request.
        ranked = Page.objects.filter(pk__in=ids).search(query, operator=operator)
        restrict_to_objects(ranked, ids)
        return cls(query, operator, len(ids), more, CountedPaginator(ranked, per_page, len(ids)))
