"""Request-level helpers that save a database round trip on every page view."""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from cms.cache import current_generation

SITE_CACHE_SECONDS = 3600


class CachedSiteMiddleware:
    """Resolve the Wagtail ``Site`` of a request from the cache.

    Wagtail looks the site up in the database on every request and memoises it on
    ``request._wagtail_site``; the same memo is filled here from the cache, keyed by host, port
    and the page-cache generation (which any change to a Site bumps).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() refuses hosts outside ALLOWED_HOSTS, so no stray host fills the cache.
        hostname = split_domain_port(request.get_host())[0]
        key = f"site:{current_generation()}:{hostname}:{request.get_port()}"
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None:
                cache.set(key, site, SITE_CACHE_SECONDS)
        request._wagtail_site = site
        return self.get_response(request)
