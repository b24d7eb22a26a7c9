"""Request-level helpers: the language of a request, and the cached Wagtail site."""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_resolver
from django.utils import translation
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


class ContentLanguageMiddleware(LocaleMiddleware):
    """Pages speak the language of their address; other URLs the visitor's chosen language.

    Wagtail's pages sit in ``i18n_patterns`` without a prefix for the default language: a page
    address alone decides its language (``/berita/`` Indonesian, ``/en/news/`` English), so a
    shared link or a cached page never changes language with a cookie. The other URLs (search,
    Open311, attachments, the admin) have one address for both languages and keep Django's
    choice: the "bahasa" cookie set by the language switch, then ``Accept-Language``.
    Django's own LocaleMiddleware would force the default language on every unprefixed URL.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            if _serves_pages(request.path_info, getattr(request, "urlconf", None)):
                language = settings.LANGUAGE_CODE
            else:
                language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _serves_pages(path: str, urlconf=None) -> bool:
    """Whether ``path`` goes to Wagtail's page serving view (resolving URLs costs no query)."""
    try:
        match = get_resolver(urlconf).resolve(path)
    except Resolver404:
        return True  # a 404 page is shown in the default language, like the page tree
    return match.url_name == "wagtail_serve"
