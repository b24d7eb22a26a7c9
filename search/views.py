"""The site search at /cari/."""

from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from cms.cache import current_generation

from .highlight import highlight, stream_text
from .query import RESULTS_PER_PAGE, SiteSearch


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)


def searchable_text(page) -> str:
    """The text a result's excerpt is cut from: summary or introduction, then the body."""
    parts = [getattr(page, "summary", "") or getattr(page, "intro", "") or page.search_description]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        parts.append(stream_text(body))  # spaced at every block and line break
    return " ".join(str(p) for p in parts if p)


def page_texts(pages) -> dict[int, str]:
    """``searchable_text`` of each page, kept until content changes: building it walks the
    whole body, and the same pages come back for many searches.

    The pages may come without their StreamFields (``defer_streamfields``): those not kept yet
    are read again whole, in one go rather than one query per body.
    """
    prefix = f"pagecache:{current_generation()}:searchtext:"
    texts = cache.get_many([f"{prefix}{page.pk}" for page in pages])
    found = {int(key.removeprefix(prefix)): text for key, text in texts.items()}
    unread = [page.pk for page in pages if page.pk not in found]
    whole = Page.objects.filter(pk__in=unread).specific() if unread else []
    missing = {page.pk: searchable_text(page) for page in whole}
    if missing:
        cache.set_many({f"{prefix}{pk}": text for pk, text in missing.items()}, 3600)
    return found | missing


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {"form": form, "query": query, "filter_query": urlencode({"q": query})}
    if query:
        site_search = SiteSearch.run(query, request.GET.get("halaman"), RESULTS_PER_PAGE)
        page_obj = site_search.page_obj
        context["more_results"] = site_search.more
        # The specific pages of this result page (a query per page type), without their bodies:
        # a result shows its kept text (page_texts), and decoding ten bodies cost ~1 ms.
        ids = page_obj.object_list
        specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).defer_streamfields().specific()}
        texts = page_texts(specific.values())
        context["results"] = [
            # .get: a page deleted between the two reads has no text; it shows without one.
            {"page": specific[pk], "excerpt": highlight(texts.get(pk, ""), query)}
            for pk in ids
            if pk in specific
        ]
        context["page_obj"] = page_obj
        search_query = Query.get(query)
        search_query.add_hit()
        if page_obj.number == 1:
            context["promotions"] = search_query.editors_picks.select_related("page")
    response = render(request, "search/search.html", context)
    return response
