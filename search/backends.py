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

For the site search, ``newest_ranked()`` finds, counts and ranks the newest matches in one
statement (see ``search/query.py``).

Set as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends"``.
"""

from __future__ import annotations

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection, connections
from django.db.models import BooleanField, ExpressionWrapper, F, Func, IntegerField, Q
from django.db.models.lookups import Exact, GreaterThan
from modelsearch.backends import database
from modelsearch.query import PlainText

# A page's id as an integer, stored beside the entry's text ``object_id`` (NULL for models with
# other keys): a generated column that migration search/0002 adds to the entries' table, so no
# match pays for reading it at query time. Indexed with the content type for the walk over the
# newest pages.
ENTRY_PAGE_ID = "search_page_id"


def lexeme_count(tsquery):
    """PostgreSQL's numnode(): 0 for a query left empty by stop words."""
    return Func(tsquery, function="numnode", output_field=IntegerField())


def SearchBackend(params):  # noqa: N802 (Wagtail looks for this name)
    """The database backend for the current database, with word-by-word matching on PostgreSQL."""
    if connection.vendor != "postgresql":
        return database.SearchBackend(params)
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class WordByWordQueryCompiler(PostgresSearchQueryCompiler):
        def plain_words(self) -> list[str]:
            """The words of a plain-text search on the whole index; [] for other searches."""
            if self.fields is not None or not isinstance(self.query, PlainText):
                return []
            # Split exactly as the parent's build_tsquery_content() does.
            return [w for w in re.split(r"[\s\-]+", self.query.query_string) if w]

        def search(self, config, start, stop, score_field=None, backend=None):
            words = self.plain_words()
            if not words:
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
            # Annotations share the one join to the index entries (filters would add joins).
            queryset = self.queryset.annotate(
                _entry_title_=F("index_entries__title"), _entry_body_=F("index_entries__body")
            )
            matches = self._matches(words, search_query, config, "_entry_title_", "_entry_body_")
            queryset = queryset.filter(matches)
            return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

        def _matches(self, words, search_query, config, title, body) -> Q:
            every_word = self.query.operator == "and"
            per_word = []
            for word in words:
                lexeme = SearchQuery(Lexeme(word), search_type="raw", config=config)
                found = Q(**{title: lexeme}) | Q(**{body: lexeme})
                if every_word:
                    # A stop word ("dan") has no lexeme: required words ignore it, as
                    # to_tsquery() drops it from the whole query. Constant, folded by the planner.
                    found |= Q(Exact(lexeme_count(lexeme), 0))
                per_word.append(found)
            matches = reduce(operator.and_ if every_word else operator.or_, per_word)
            if every_word:  # only stop words: no match, as with an empty query
                matches &= Q(GreaterThan(lexeme_count(search_query), 0))
            return matches

        def newest_ranked(
            self, config, limit: int, ranked: int, start: int, stop: int
        ) -> list[tuple[int, int]]:
            """(id, number of candidates) of results ``start:stop`` among the newest ``limit``
            matches, in one statement (two for a page reaching both sides of ``ranked``).

            The candidates are put in a first order, title matches first and then newest
            first; the first ``ranked`` of them (the shortlist) are ordered by the backend's
            score and come first, the rest follow in that first order. Scoring reads each
            candidate's whole body vector, the costliest step per match, so it is bounded
            however many matches are counted; a page of the shortlist needs only a top-N pick
            among the candidates, not their whole order.

            Pages and index entries are joined on the page id stored with the entry
            (``search/migrations/0002``): for a common word PostgreSQL walks the newest pages
            and finds each one's entry by (content type, page id), stopping at ``limit``
            matches; for a rarer word it reads the GIN indexes and merges the matches, newest
            first, with the live pages.
            """
            words = self.plain_words()
            search_query = self.build_tsquery(self.query, config=config)
            entries = IndexEntry.objects.filter(self._matches(words, search_query, config, "title", "body"))
            entries = entries.annotate(
                score=self._build_rank_expression([(F("title"), F("title_norm")), (F("body"), 1.0)], config),
                in_title=ExpressionWrapper(Q(title=search_query), output_field=BooleanField()),
            )
            sql_compiler = entries.query.get_compiler(using=self.queryset.db)
            score_sql, score_params = sql_compiler.compile(entries.query.annotations["score"])
            in_title_sql, in_title_params = sql_compiler.compile(entries.query.annotations["in_title"])
            where_sql, where_params = sql_compiler.compile(entries.query.where)
            pages_sql, pages_params = (
                self.queryset.order_by().values("pk", "content_type_id").query.sql_with_params()
            )
            entry = connection.ops.quote_name(IndexEntry._meta.db_table)
            page_id = f"{entry}.{ENTRY_PAGE_ID}"
            # Only ids travel through the joins and sorts; the scored candidates' vectors are
            # read again by primary key, so the costly columns are read for ``ranked`` rows only.
            candidates = f"""
                WITH candidates AS MATERIALIZED (
                    SELECT page.id, {entry}.id AS entry_id, {in_title_sql} AS in_title
                    FROM ({pages_sql}) AS page (id, content_type_id)
                    JOIN {entry} ON ({entry}.content_type_id = page.content_type_id
                                     AND {page_id} = page.id)
                    WHERE {where_sql}
                    ORDER BY page.id DESC LIMIT %s
                )
            """  # noqa: S608 (every value is a parameter; the SQL parts come from the ORM)
            candidates_params = (*in_title_params, *pages_params, *where_params, limit)
            found = []
            with connections[self.queryset.db].cursor() as cursor:
                if start < ranked:
                    cursor.execute(
                        f"""{candidates},
                        shortlist AS (
                            SELECT id, entry_id, in_title FROM candidates
                            ORDER BY in_title DESC, id DESC LIMIT %s
                        )
                        SELECT shortlist.id, (SELECT COUNT(*) FROM candidates) FROM shortlist
                        JOIN {entry} ON {entry}.id = shortlist.entry_id
                        ORDER BY {score_sql} DESC, shortlist.in_title DESC, shortlist.id DESC
                        LIMIT %s OFFSET %s
                        """,  # noqa: S608
                        (*candidates_params, ranked, *score_params, min(stop, ranked) - start, start),
                    )
                    found += cursor.fetchall()
                if stop > ranked:
                    deep = max(start, ranked)
                    cursor.execute(
                        f"""{candidates}
                        SELECT id, COUNT(*) OVER () FROM candidates
                        ORDER BY in_title DESC, id DESC LIMIT %s OFFSET %s
                        """,  # noqa: S608
                        (*candidates_params, stop - deep, deep),
                    )
                    found += cursor.fetchall()
            return found

    class WordByWordSearchBackend(PostgresSearchBackend):
        query_compiler_class = WordByWordQueryCompiler

    return WordByWordSearchBackend(params)


def newest_ranked(results, limit: int, ranked: int, start: int, stop: int) -> list[tuple[int, int]] | None:
    """Results ``start:stop`` of a search (not yet evaluated) as ``(id, candidates)`` pairs,
    among its newest ``limit`` matches (``candidates`` being how many there were), the first
    ``ranked`` of them, title matches first, ordered by score.

    One statement on PostgreSQL; None where the backend cannot do it (SQLite, Elasticsearch,
    searches other than plain text), and the caller takes two steps instead.
    """
    compiler = getattr(results, "query_compiler", None)
    if compiler is None or not hasattr(compiler, "newest_ranked") or not compiler.plain_words():
        return None
    return compiler.newest_ranked(compiler.get_config(results.backend), limit, ranked, start, stop)
