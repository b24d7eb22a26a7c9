"""Public views of the PPID, called by ``TransparencyPage``'s routes.

Thin on purpose: a form validates, ``services`` decides and writes, the view renders. Pages that
show a requester's own request send ``Cache-Control: no-store``. A browser proves access to a
request once (its number and access code, typed or from the e-mailed link whose code travels
after ``#``, never to the server in a URL); the session then remembers the request's id.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

from smartcity.core.models import Agency

from .models import PublicInformation

LIST_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 100


def _fresh(response):
    patch_cache_control(response, no_cache=True)
    return response


def _no_store(response):
    patch_cache_control(response, no_store=True, private=True, max_age=0)
    return response


# --- The public information list -----------------------------------------------------------------


def _int_or_none(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 4 else None


def information_list(request, page):
    """The published entries, searchable and filterable by agency, year and class."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    agency_slug = request.GET.get("instansi", "")[:60]
    year = _int_or_none(request.GET.get("tahun", ""))
    classification = request.GET.get("klasifikasi", "")
    if classification not in PublicInformation.Classification.values:
        classification = ""
    entries = PublicInformation.objects.published().select_related("agency", "document", "page")
    if query:
        for word in query.split()[:8]:
            entries = entries.filter(title__icontains=word) | entries.filter(summary__icontains=word)
    if agency_slug:
        entries = entries.filter(agency__slug=agency_slug)
    if year:
        entries = entries.filter(year=year)
    if classification:
        entries = entries.filter(classification=classification)
    paginator = Paginator(entries.order_by("agency__name", "-year", "title", "pk"), LIST_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("halaman"))
    published = PublicInformation.objects.published()
    context = {
        "entries": page_obj,
        "page_obj": page_obj,
        "query": query,
        "agencies": Agency.objects.filter(pk__in=published.values("agency_id")).order_by("name"),
        "years": sorted(set(published.values_list("year", flat=True)), reverse=True),
        "classifications": PublicInformation.Classification.choices,
        "chosen": {"instansi": agency_slug, "tahun": year, "klasifikasi": classification},
        "filtered": bool(query or agency_slug or year or classification),
        "filter_query": urlencode(
            {
                k: v
                for k, v in {
                    "q": query,
                    "instansi": agency_slug,
                    "tahun": year or "",
                    "klasifikasi": classification,
                }.items()
                if v
            }
        ),
    }
    return _fresh(
        page.render(request, template="transparency/information_list.html", context_overrides=context)
    )


# --- Not built yet -----------------------------------------------------------------------------------


def _not_yet(*_args, **_kwargs):
    raise Http404


request_form = open_request = track_request = answer_file = objection_form = dispute_form = _not_yet
report_index = report = report_export = _not_yet
