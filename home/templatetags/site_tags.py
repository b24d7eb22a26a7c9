"""Template tags for the site chrome: menus, breadcrumbs, language links, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page, Site

from cms.cache import cached_until_change
from home.i18n import active_language, default_language
from home.models import NavigationSettings

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data: dict):
    """Render structured data as a JSON-LD block, escaped so it cannot close the script tag."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _navigation(context):
    request = context.get("request")
    if request is None:
        return None
    cached = getattr(request, "_navigation_settings", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = NavigationSettings.for_site(site, active_language()) if site else None
        request._navigation_settings = cached
    return cached


@register.simple_tag(takes_context=True)
def site_absolute_url(context, path: str) -> str:
    """``path`` on the Site's root URL, the one base URL of every absolute link (home.links)."""
    from home.links import absolute_url

    return absolute_url(path, context.get("request"))


@register.filter
def service_icon_path(icon: str) -> str:
    """The static path of a service tile's SVG icon (``home/static/home/icons/``); "info" if unknown."""
    from home.models import ServiceTile

    known = {name for name, _label in ServiceTile.ICONS}
    return f"home/icons/{icon if icon in known else 'info'}.svg"


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    navigation = _navigation(context)
    items = navigation.menu_items.select_related("link_page") if navigation else []
    current = context.get("page")
    return {"items": items, "request": context.get("request"), "current": current}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    navigation = _navigation(context)
    items = navigation.footer_links.select_related("link_page") if navigation else []
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = context.get("breadcrumb_ancestors")
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    return {
        "languages": settings.LANGUAGES,
        "current": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "next": request.get_full_path(),
    }


@register.inclusion_tag("components/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each live translation of the page.

    One query, kept until the next content change. An article shown untranslated under /en/
    names only its Indonesian original (its canonical link).
    """
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or context.get("untranslated"):
        return {"alternates": []}

    def compute():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return sorted((t.locale.language_code, t.get_full_url(request)) for t in translations)

    alternates = cached_until_change(f"alternates:{page.translation_key}", compute)
    if len(alternates) < 2:
        return {"alternates": []}
    default = next((url for code, url in alternates if code == default_language()), None)
    return {"alternates": alternates, "default_url": default}


@register.simple_tag(takes_context=True)
def link_url(context, item):
    """URL of a menu or footer item, using the request's cached site root paths."""
    if item.link_page_id:
        return item.link_page.get_url(context.get("request"))
    return item.link_url


@register.simple_tag(takes_context=True)
def is_active_link(context, item):
    current = context.get("current") or context.get("page")
    if not item.link_page_id or current is None:
        return False
    if item.link_page.depth <= 2:
        return current.pk == item.link_page_id
    return current.path.startswith(item.link_page.path)


@register.simple_tag
def pagination_links(page_obj, filter_query=""):
    """The numbered links of ``components/pagination.html``, built here once: in the template,
    a translated link text per number and the query string's conditions were most of a list
    page's pagination cost (about 0.8 ms on a slow machine, more than eight search results).

    Each item: ``number`` and ``current`` (the page shown), ``gap`` (an ellipsis) or ``href``
    and ``label`` (the number with "Page" for screen readers). ``filter_query``: the list's
    filters, kept in every link.
    """
    prefix = f"?{escape(filter_query)}&amp;halaman=" if filter_query else "?halaman="

    def href(number) -> str:
        return mark_safe(f"{prefix}{number}")  # noqa: S308 (escaped query string and a number)

    # The same catalogue entry as the template's text: "Page" read aloud before the number.
    label = gettext('<span class="visually-hidden">Page </span>%(number)s')
    items = []
    for number in page_links(page_obj):
        current, gap = number == page_obj.number, number == page_obj.paginator.ELLIPSIS
        linked = not (current or gap)
        # Every key in every item: a key missing from a dict costs a dir() in the template.
        items.append(
            {
                "number": number,
                "current": current,
                "gap": gap,
                "href": href(number) if linked else "",
                # The translation is the site's own markup, as blocktranslate outputs it.
                "label": mark_safe(label % {"number": number}) if linked else "",  # noqa: S308
            }
        )
    return {
        "items": items,
        "previous": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }


def page_links(page_obj):
    """Page numbers to link around the current page: first two, three on each side of the
    current one, last two, ``paginator.ELLIPSIS`` between (``get_elided_page_range`` without
    the number centres on page 1, leaving page 50 of 95 unlinked)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number)
