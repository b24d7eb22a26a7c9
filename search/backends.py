"""The database search backend, with a PostgreSQL query shape that stays fast on large sites.

Wagtail's database backend (django-modelsearch) matches ``(title || body) @@ query``: PostgreSQL
must build the concatenated vector of every index entry, and no index can serve it. For a word
found in most of 10,000 articles that is a scan costing several hundred milliseconds.

For plain-text searches (what the site search sends) the same matches are found word by word:
``title @@ word OR body @@ word`` for each word, all words required ("and") or any ("or"). Each
word of a plain-text query becomes one lexeme, and a vector concatenation holds exactly the
lexemes of its parts, so the two forms match the same entries; the word-by-word form uses the
GIN indexes on ``title`` and ``body`` for rare words and a cheap scan for common ones. Ranking
is unchanged. Other query types (phrases, ``Not``, fuzzy) and other databases go to the
backend as it is.

Set as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"``.
"""

from __future__ import annotations

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F, Func, IntegerField, Q
from django.db.models.lookups import Exact, GreaterThan
from modelsearch.backends import database
from modelsearch.query import PlainText


def lexeme_count(tsquery):
    """PostgreSQL's numnode(): 0 for a query left empty by stop words."""
    return Func(tsquery, function="numnode", output_field=IntegerField())


def SearchBackend(params):  # noqa: N802 (Wagtail looks for this name)
    """The database backend for the current database, with word-by-word matching on PostgreSQL."""
    if connection.vendor != "postgresql":
        return database.SearchBackend(params)
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class WordByWordQueryCompiler(PostgresSearchQueryCompiler):
        # Set by restrict_to_objects(): read only these index entries (by their unique key).
        restricted_object_ids: list[str] | None = None

        def search(self, config, start, stop, score_field=None, backend=None):
            if self.fields is not None or not isinstance(self.query, PlainText):
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            # Split exactly as the parent's build_tsquery_content() does.
            words = [w for w in re.split(r"[\s\-]+", self.query.query_string) if w]
            if not words:
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
            # Annotations share the one join to the index entries (filters would add joins).
            queryset = self.queryset.annotate(
                _entry_title_=F("index_entries__title"), _entry_body_=F("index_entries__body")
            )
            every_word = self.query.operator == "and"
            per_word = []
            for word in words:
                lexeme = SearchQuery(Lexeme(word), search_type="raw", config=config)
                found = Q(_entry_title_=lexeme) | Q(_entry_body_=lexeme)
                if every_word:
                    # A stop word ("dan") has no lexeme: required words ignore it, as
                    # to_tsquery() drops it from the whole query. Constant, folded by the planner.
                    found |= Q(Exact(lexeme_count(lexeme), 0))
                per_word.append(found)
            matches = reduce(operator.and_ if every_word else operator.or_, per_word)
            if every_word:  # only stop words: no match, as with an empty query
                matches &= Q(GreaterThan(lexeme_count(search_query), 0))
            queryset = queryset.filter(matches)
            if self.restricted_object_ids is not None:
                queryset = queryset.alias(search_entry_object_id=F("index_entries__object_id")).filter(
                    search_entry_object_id__in=self.restricted_object_ids
                )
            return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    class WordByWordSearchBackend(PostgresSearchBackend):
        query_compiler_class = WordByWordQueryCompiler

    return WordByWordSearchBackend(params)


def restrict_to_objects(results, ids) -> None:
    """Tell a search (not yet evaluated) that only the objects with these ids can match.

    For ranking a known set of matches: the join to the index then reads those entries by their
    unique key instead of scanning and hashing every entry, a plan that needs no statistics on
    the ``id::varchar = object_id`` join (missing right after a bulk import). Other backends
    ignore it (the caller filters by id anyway).
    """
    compiler = getattr(results, "query_compiler", None)
    if compiler is not None and hasattr(compiler, "restricted_object_ids"):
        compiler.restricted_object_ids = [str(pk) for pk in ids]
