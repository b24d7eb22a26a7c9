"""Who acts where in Musrenbang: facilitators in their kelurahan or kecamatan, Bappeda for the city.

* Kelurahan facilitators (``Facilitator`` rows of level kelurahan) verify, return, reject, score
  and forward the proposals of their kelurahan.
* Kecamatan facilitators score and forward the proposals that reached their kecamatan.
* Bappeda planners (the "Bappeda planners" group, superusers) keep the cycles and the catalogue
  and record the city forum's decisions.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import Facilitator, Level

BAPPEDA_GROUP = "Bappeda planners"
KELURAHAN_GROUP = "Musrenbang kelurahan facilitators"
KECAMATAN_GROUP = "Musrenbang kecamatan facilitators"


def _active(user) -> bool:
    return not (user is None or isinstance(user, AnonymousUser) or not getattr(user, "is_active", False))


def is_bappeda(user) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_bappeda", None)
    if cached is None:
        cached = user.groups.filter(name=BAPPEDA_GROUP).exists()
        user._is_bappeda = cached
    return cached


def regions_of(user) -> tuple[frozenset[int], frozenset[int]]:
    """(kelurahan ids, kecamatan ids) the user facilitates, memoised on the user object."""
    if not _active(user):
        return frozenset(), frozenset()
    cached = getattr(user, "_musrenbang_regions", None)
    if cached is None:
        rows = list(
            Facilitator.objects.filter(user=user).values_list("level", "kelurahan_id", "kecamatan_id")
        )
        cached = (
            frozenset(kel for level, kel, _kec in rows if level == Level.KELURAHAN),
            frozenset(kec for level, _kel, kec in rows if level == Level.KECAMATAN),
        )
        user._musrenbang_regions = cached
    return cached


def acts_for_kelurahan(user, kelurahan_id: int) -> bool:
    return kelurahan_id in regions_of(user)[0]


def acts_for_kecamatan(user, kecamatan_id: int) -> bool:
    return kecamatan_id in regions_of(user)[1]


def can_act(user, proposal, level: str) -> bool:
    """Whether ``user`` acts at ``level`` for ``proposal``'s region (only at their own level)."""
    if level == Level.KELURAHAN:
        return acts_for_kelurahan(user, proposal.kelurahan_id)
    if level == Level.KECAMATAN:
        return acts_for_kecamatan(user, proposal.kecamatan_id)
    return is_bappeda(user)


def visible_proposals(user, queryset):
    """Proposals the user may see in the admin: Bappeda all, facilitators their region's."""
    if is_bappeda(user):
        return queryset
    kelurahan_ids, kecamatan_ids = regions_of(user)
    from django.db.models import Q

    return queryset.filter(Q(kelurahan_id__in=kelurahan_ids) | Q(kecamatan_id__in=kecamatan_ids))


def can_see_proposal(user, proposal) -> bool:
    kelurahan_ids, kecamatan_ids = regions_of(user)
    return (
        is_bappeda(user) or proposal.kelurahan_id in kelurahan_ids or proposal.kecamatan_id in kecamatan_ids
    )
