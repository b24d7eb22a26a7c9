"""The site search at /cari/."""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query

from .highlight import highlight
from .query import RESULTS_PER_PAGE, SiteSearch
from .results import result_cards


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), max_length=200, required=False)


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context = {"form": form, "query": query, "filter_query": urlencode({"q": query})}
    if query:
        site_search = SiteSearch.run(query, request.GET.get("halaman"), RESULTS_PER_PAGE)
        page_obj = site_search.page_obj
        context["more_results"] = site_search.more
        ids = page_obj.object_list
        cards = result_cards(ids, request)
        context["results"] = [
            # A page deleted since the search statement has no card: it is left out.
            {"card": cards[pk], "excerpt": highlight(cards[pk].text, query)}
            for pk in ids
            if pk in cards
        ]
        context["page_obj"] = page_obj
        search_query = Query.get(query)
        search_query.add_hit()
        if page_obj.number == 1:
            context["promotions"] = search_query.editors_picks.select_related("page")
    response = render(request, "search/search.html", context)
    return response
