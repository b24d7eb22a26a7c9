"""A page cache for anonymous visitors, correct before fast.

A response is stored only when nobody could tell it apart from another visitor's: the request is
an anonymous GET without a session, the response is a 200 that set no cookie, used no CSRF token
(so no form with a token is ever shared) and did not ask for ``no-store``/``private``. Keys hold
the host, the full path with its query string and the active language. Invalidation bumps a
generation number kept in the cache itself, so it works across many app servers sharing Redis
without listing or deleting keys; ``cms.signals`` bumps it on every publish, unpublish, move,
delete and on settings or snippet changes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_max_age, patch_vary_headers

GENERATION_KEY = "pagecache:generation"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate_page_cache(**_kwargs) -> None:
    """Make every cached page stale at once (used as a signal receiver too)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _cache_key(request, generation: int) -> str:
    raw = "|".join([request.get_host(), request.get_full_path(), request.LANGUAGE_CODE])
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{generation}:{digest}"


def _request_is_cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _response_is_cacheable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
        and "private" not in cache_control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and not getattr(request, "_messages", None)
    )


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous visitors' pages (after LocaleMiddleware, before CSRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        key = _cache_key(request, current_generation())
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        timeout = _cache_timeout(response)
        if timeout and _response_is_cacheable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            response["X-Cache"] = "miss"
            cache.set(key, response, timeout)
        return response


def _cache_timeout(response) -> int:
    """PAGE_CACHE_SECONDS, or less when the view asks for a shorter life with max-age."""
    max_age = get_max_age(response)
    if max_age is None:
        return settings.PAGE_CACHE_SECONDS
    return min(max_age, settings.PAGE_CACHE_SECONDS)


# Models whose rows appear on public pages outside the page tree's own publishing events.
# Bookkeeping written while serving pages (renditions, search hit counts) must not be listed,
# or every page view would empty the cache.
INVALIDATING_APPS = frozenset({"home", "core"})
INVALIDATING_MODELS = frozenset(
    {
        "wagtailimages.image",
        "wagtaildocs.document",
        "wagtailcore.site",
        "wagtailcore.pageviewrestriction",
        "wagtailsearchpromotions.searchpromotion",
    }
)


def _invalidate_on_model_change(sender, **_kwargs) -> None:
    meta = sender._meta
    if meta.app_label in INVALIDATING_APPS or meta.label_lower in INVALIDATING_MODELS:
        invalidate_page_cache()


def connect_invalidation_signals() -> None:
    """Bump the generation whenever anything a public page shows may have changed.

    Page events cover publishing; saved models listed above cover site settings, menus,
    snippets (categories, announcements), agencies, images and search promotions.
    """
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate_page_cache, dispatch_uid="pagecache-invalidate")
    post_save.connect(_invalidate_on_model_change, dispatch_uid="pagecache-save")
    post_delete.connect(_invalidate_on_model_change, dispatch_uid="pagecache-delete")


def cached_until_change(name: str, compute, timeout: int = 3600):
    """Small derived data (filter options, flags) kept until the next content change.

    The key carries the generation, so a publish or a settings change makes it stale at once.
    """
    key = f"pagecache:{current_generation()}:data:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def cached_many_until_change(name: str, ids, compute_missing, timeout: int = 3600) -> dict:
    """One value per id (a page's card, say), kept until the next content change and read
    for all ``ids`` in one round trip; ``compute_missing(ids)`` builds those not kept yet, in
    one go, as ``{id: value}``. Returns ``{id: value}`` for every id it could build.

    ``name`` must hold whatever else the value depends on (site, language, …).
    """
    prefix = f"pagecache:{current_generation()}:{name}:"
    kept = cache.get_many([f"{prefix}{pk}" for pk in ids])
    values = {int(key.removeprefix(prefix)): value for key, value in kept.items()}
    missing = [pk for pk in ids if pk not in values]
    if missing:
        made = compute_missing(missing)
        cache.set_many({f"{prefix}{pk}": value for pk, value in made.items()}, timeout)
        values |= made
    return values
