"""Which pages anonymous visitors may see, without a query per listing.

Wagtail's ``PageQuerySet.public()`` reads every view restriction on each call; most city pages
have none, so a flag in the cache (keyed by the page-cache generation, which any change to a
restriction bumps) lets listings skip that query until a restriction exists.
"""

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from cms.cache import cached_until_change


def site_has_view_restrictions() -> bool:
    return cached_until_change("has-view-restrictions", PageViewRestriction.objects.exists)


def only_public(pages: PageQuerySet) -> PageQuerySet:
    """``pages.public()``, skipped when no page of the site has a view restriction."""
    return pages.public() if site_has_view_restrictions() else pages


class SkipViewRestrictionsMixin:
    """Page mixin: no view-restriction queries while the site has no restriction at all.

    Wagtail's ``before_serve_page`` check reads the page's ancestors and then their restrictions
    on every request (two queries); the cached flag above answers "none" without a query.
    """

    def get_view_restrictions(self):
        if not site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
