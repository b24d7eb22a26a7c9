"""Similar proposals of the same kelurahan, from this and earlier cycles, shown while typing.

On PostgreSQL the titles are compared by trigram similarity (``pg_trgm``, enabled by migration
0002 with a trigram index); elsewhere (SQLite in development) by the words they share.
"""

from __future__ import annotations

import re

from django.db import connection

from .models import Proposal

MIN_SIMILARITY = 0.25
LIMIT = 5
MIN_WORD = 4


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.lower()) if len(word) >= MIN_WORD}


def similar_proposals(
    kelurahan_id: int, text: str, *, exclude_pk: int | None = None, limit: int = LIMIT
) -> list[Proposal]:
    """Public proposals of ``kelurahan_id`` whose title resembles ``text``, most similar first."""
    text = (text or "").strip()[:150]
    if len(text) < MIN_WORD:
        return []
    proposals = (
        Proposal.objects.public()
        .filter(kelurahan_id=kelurahan_id)
        .select_related("cycle", "kelurahan")
        .only("reference", "title", "status", "cycle__year", "cycle__name", "kelurahan__name", "created_at")
    )
    if exclude_pk:
        proposals = proposals.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return list(
            proposals.annotate(similarity=TrigramSimilarity("title", text))
            .filter(similarity__gte=MIN_SIMILARITY)
            .order_by("-similarity", "-created_at")[:limit]
        )
    words = _words(text)
    if not words:
        return []
    from django.db.models import Q

    matching = Q()
    for word in words:
        matching |= Q(title__icontains=word)
    candidates = list(proposals.filter(matching).order_by("-created_at")[:200])
    scored = [(len(words & _words(p.title)) / len(words | _words(p.title)), p) for p in candidates]
    scored = [pair for pair in scored if pair[0] > 0]
    scored.sort(key=lambda pair: -pair[0])  # stable: equally similar stay newest first
    for similarity, proposal in scored:
        proposal.similarity = similarity
    return [proposal for _similarity, proposal in scored[:limit]]
