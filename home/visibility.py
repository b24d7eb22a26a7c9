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
