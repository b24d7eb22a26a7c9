"""Views of the public site that are not Wagtail pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from home.models import NewsPage
from home.visibility import only_public

SITE_MAP_LEVELS = 3  # sections, their pages, and one level further


@dataclass
class SiteMapEntry:
    title: str
    url: str
    children: list[SiteMapEntry] = field(default_factory=list)


@require_GET
def site_map(request):
    """The site map for people (/peta-situs/): every section and its pages as nested links.

    News articles are left out (there are thousands): the news index stands for them. The XML
    sitemap for search engines stays at /sitemap.xml.
    """
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    root = site.root_page
    pages = only_public(
        Page.objects.live()
        .descendant_of(root)
        .filter(depth__lte=root.depth + SITE_MAP_LEVELS)
        .not_type(NewsPage)
        .order_by("path")
    ).only("id", "title", "url_path", "path", "depth", "draft_title", "live", "locale_id")
    entries: dict[str, SiteMapEntry] = {}
    sections: list[SiteMapEntry] = []
    for page in pages:
        entry = SiteMapEntry(page.title, page.get_url(request))
        entries[page.path] = entry
        parent = entries.get(page.path[: -Page.steplen])
        if page.depth == root.depth + 1:
            sections.append(entry)
        elif parent is not None:
            parent.children.append(entry)
    return render(request, "home/site_map.html", {"sections": sections, "home_url": root.get_url(request)})
