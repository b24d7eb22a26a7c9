"""Template context shared by every public page, fetched lazily and cached between requests."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms.cache import current_generation

from .i18n import active_language
from .models import SiteSettings

SETTINGS_CACHE_SECONDS = 3600


def _site_settings(request) -> SiteSettings | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Keyed by the page-cache generation, which any change to settings bumps (cms.cache).
    language = active_language()
    key = f"sitesettings:{current_generation()}:{site.pk}:{language}"
    site_settings = cache.get(key)
    if site_settings is None:
        site_settings = SiteSettings.for_site(site, language)
        cache.set(key, site_settings, SETTINGS_CACHE_SECONDS)
    return site_settings


def site_chrome(request) -> dict:
    """``site_settings`` (the city's identity and contacts) and ``cache_generation``.

    ``cache_generation`` keys template fragments (header, footer) so that they are rebuilt
    exactly when something they show changes.
    """
    return {
        "site_settings": SimpleLazyObject(lambda: _site_settings(request)),
        "cache_generation": SimpleLazyObject(current_generation),
    }
