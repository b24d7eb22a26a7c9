"""Which content language a request is shown in, without a database query.

Pages, snippets and settings carry a Wagtail ``Locale``; filtering on ``locale__language_code``
joins the locale table in the same query instead of looking the ``Locale`` row up first, so the
English site costs no more queries than the Indonesian one.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def default_language() -> str:
    """The language of the default page tree and of every untranslated item (``id``)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language() -> str:
    """The content language being shown: the active Django language, or the default one."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


def languages_in_preference() -> list[str]:
    """The active language, then the default one (just one when they are the same)."""
    return list(dict.fromkeys([active_language(), default_language()]))


def pick_localised(items, key=lambda item: item.translation_key) -> list:
    """From rows in the active and default languages, keep one per translation key.

    ``items`` come in display order; each keeps its place, taking the active language's version
    when there is one. Rows must have ``locale`` selected (``select_related("locale")``).
    """
    active = active_language()
    chosen: dict = {}
    order: list = []
    for item in items:
        group = key(item)
        if group not in chosen:
            order.append(group)
            chosen[group] = item
        elif item.locale.language_code == active:
            chosen[group] = item
    return [chosen[group] for group in order]


def page_url_in_language(request, next_url: str, language: str) -> str:
    """Where the language switch sends a visitor who was at ``next_url`` and chose ``language``.

    A page goes to its live translation (keeping a route below a routable page and the query
    string); an article not translated yet goes to the English news section, which shows it in
    Indonesian with a note; any other untranslated page goes to the home page of that language.
    Addresses that are not pages (search, services' own URLs outside the tree) are kept.
    """
    from django.urls import Resolver404, resolve
    from django.utils.http import urlsplit
    from wagtail.models import Locale, Page, Site

    parts = urlsplit(next_url)
    path_language = translation.get_language_from_path(parts.path) or default_language()
    with translation.override(path_language):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return next_url
        if match.url_name != "wagtail_serve":
            return next_url
        page_path = match.kwargs.get("path") or (match.args[0] if match.args else "")
        route = Page.route_for_request(request, page_path)
    site = Site.find_for_request(request)
    if route is None or site is None:
        return next_url
    page = route[0]
    try:
        locale = Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        return next_url
    with translation.override(path_language):
        page_path = page.get_url(request) or ""
    remainder = parts.path[len(page_path) :] if parts.path.startswith(page_path) else ""
    query = f"?{parts.query}" if parts.query else ""

    target = page.get_translations(inclusive=True).filter(locale=locale).live().first()
    if target is not None:
        return target.get_url(request) + remainder + query
    from home.models import NewsIndexPage, NewsPage

    if isinstance(page.specific_deferred, NewsPage):
        index = (
            NewsIndexPage.objects.filter(translation_key=page.get_parent().translation_key, locale=locale)
            .live()
            .first()
        )
        if index is not None:
            return f"{index.get_url(request)}{page.slug}/"
    home = site.root_page.get_translations(inclusive=True).filter(locale=locale).live().first()
    return home.get_url(request) if home is not None else next_url
