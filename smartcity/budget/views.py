"""Public views of e-budgeting, called by ``BudgetPage``'s routes.

Thin: ``disclosure`` aggregates in the database, the view renders, or with ``?unduh=csv|xlsx|json``
hands the same rows over as a download.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from smartcity.core.exports import FORMATS, table_response
from smartcity.musrenbang.models import Proposal

from . import datapackage as fdp
from . import disclosure
from .models import Account, BudgetVersion

TEMPLATE = "budget/{}.html"
SORT_CHOICES = [
    ("-pagu", _lazy("Largest budget first")),
    ("pagu", _lazy("Smallest budget first")),
    ("-realisasi", _lazy("Most realised first")),
    ("-persen", _lazy("Highest % realised first")),
    ("persen", _lazy("Lowest % realised first")),
    ("kode", _lazy("Code")),
    ("nama", _lazy("Name")),
]


def _download_format(request) -> str | None:
    fmt = request.GET.get("unduh")
    if fmt is None:
        return None
    if fmt not in FORMATS:
        raise Http404("unknown format")
    return fmt


def _base_context(page, version: BudgetVersion, section: str, years: list[int] | None = None) -> dict:
    return {
        "page": page,
        "self": page,
        "version": version,
        "year": version.fiscal_year.year,
        "years": disclosure.published_years() if years is None else years,
        "section": section,
        "expenditure_types": Account.ExpenditureType.choices,
    }


def index(request, page):
    years = disclosure.published_years()
    if not years:
        return TemplateResponse(request, TEMPLATE.format("empty"), {"page": page, "self": page})
    return year_summary(request, page, years[0], years=years)


def year_summary(request, page, year: int, years: list[int] | None = None):
    version = disclosure.published_version(year)
    summary = disclosure.summary(version)
    fmt = _download_format(request)
    if fmt:
        columns = ["key", "name", *disclosure.PHASES, "percent_executed"]
        return table_response(fmt, f"apbd-{year}-ringkasan", columns, summary["rows"])
    agencies = disclosure.drill(version, [])
    context = _base_context(page, version, "summary", years) | {"summary": summary, "agencies": agencies}
    return TemplateResponse(request, TEMPLATE.format("summary"), context)


def _table_response(request, page, version, table, section: str, filename: str, extra: dict | None = None):
    fmt = _download_format(request)
    if fmt:
        return table_response(fmt, filename, disclosure.DOWNLOAD_COLUMNS, table.rows)
    context = _base_context(page, version, section) | {
        "table": table,
        "level_label": disclosure.LEVEL_LABELS.get(table.level, ""),
        "filters": {k: request.GET.get(k, "") for k in ("q", "jenis", "kecamatan", "urut")},
        "sort_choices": SORT_CHOICES,
        "query": request.GET.copy().urlencode() if request.GET else "",
        **(extra or {}),
    }
    return TemplateResponse(request, TEMPLATE.format("table"), context)


def drill(request, page, year: int, *path: str):
    version = disclosure.published_version(year)
    expenditure_type = request.GET.get("jenis", "")
    if expenditure_type and expenditure_type not in Account.ExpenditureType.values:
        expenditure_type = ""
    path = [path[0], *(disclosure.code_from_url(segment) for segment in path[1:])] if path else []
    table = disclosure.drill(
        version,
        path,
        expenditure_type=expenditure_type,
        kecamatan=request.GET.get("kecamatan", "")[:13],
        search=request.GET.get("q", "")[:100].strip(),
        sort=request.GET.get("urut", disclosure.DEFAULT_SORT),
    )
    extra = {"path": [c["slug"] for c in table.crumbs], "drillable": len(path) < 4}
    if len(path) == 4:
        from smartcity.musrenbang.models import MusrenbangPage

        proposals = list(
            Proposal.objects.public()
            .filter(budget_lines__version=version, budget_lines__sub_activity__code=path[3])
            .select_related("kelurahan")
            .distinct()
            .order_by("reference")
        )
        musrenbang_page = MusrenbangPage.current() if proposals else None
        for proposal in proposals:
            proposal.public_url = musrenbang_page.proposal_url(proposal.reference) if musrenbang_page else ""
        extra["proposals"] = proposals
    filename = "-".join(["apbd", str(year), "opd", *extra["path"]])
    return _table_response(request, page, version, table, "agencies", filename, extra)


def by_type(request, page, year: int):
    version = disclosure.published_version(year)
    table = disclosure.by_type(
        version,
        kecamatan=request.GET.get("kecamatan", "")[:13],
        sort=request.GET.get("urut", disclosure.DEFAULT_SORT),
    )
    return _table_response(request, page, version, table, "types", f"apbd-{year}-jenis-belanja")


def by_kecamatan(request, page, year: int):
    version = disclosure.published_version(year)
    expenditure_type = request.GET.get("jenis", "")
    if expenditure_type not in Account.ExpenditureType.values:
        expenditure_type = ""
    table = disclosure.by_kecamatan(
        version, expenditure_type=expenditure_type, sort=request.GET.get("urut", disclosure.DEFAULT_SORT)
    )
    return _table_response(request, page, version, table, "kecamatan", f"apbd-{year}-kecamatan")


def comparison(request, page, year: int):
    version = disclosure.published_version(year)
    previous = disclosure.previous_version(version)
    data = disclosure.comparison(version, previous)
    fmt = _download_format(request)
    if fmt:
        columns = [
            "key",
            "code",
            "name",
            "previous",
            "approved",
            "adjusted",
            "percent_year_on_year",
            "percent_revised",
        ]
        return table_response(fmt, f"apbd-{year}-perbandingan", columns, data["rows"])
    context = _base_context(page, version, "comparison") | {"comparison": data, "previous": previous}
    return TemplateResponse(request, TEMPLATE.format("comparison"), context)


def _page_at(request, page_path: str):
    """The live budget page at ``page_path`` on the request's site, in the active language."""
    from wagtail.models import Site

    from .models import BudgetPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page.localized
    page = BudgetPage.objects.live().filter(url_path=root.url_path + page_path).first()
    if page is None:
        raise Http404
    return page


def datapackage_file(request, page_path: str, year: str, resource: str | None = None):
    """``datapackage.json`` (``resource`` None) or one of its CSV resources."""
    page = _page_at(request, page_path)
    version = disclosure.published_version(int(year))
    if resource is None:
        base = request.build_absolute_uri(page.subpage_path("year", int(year)))
        return JsonResponse(
            fdp.descriptor(version, base), json_dumps_params={"ensure_ascii": False, "indent": 1}
        )
    if resource not in fdp.RESOURCES:
        raise Http404(_("Unknown resource."))
    response = HttpResponse(fdp.resource_csv(version, resource), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{resource}.csv"'
    return response
