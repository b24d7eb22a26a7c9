"""What the public budget pages, downloads, data package and API show: every figure aggregated by
the database in a fixed number of queries, whatever the number of lines.

Phases in every row: ``proposed`` (RKA), ``approved`` (APBD), ``adjusted`` (in force: the APBD-P
where revised, else the APBD) and ``executed`` (realisation to date); ``percent_executed`` is
executed over adjusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import Agency

from .models import Account, BudgetLine, BudgetVersion, FiscalYear, Realisation, SubActivity
from .models.budget import SUM_PREFIX, phase_sums, unprefixed

PHASES = ("proposed", "approved", "adjusted", "executed")
HUNDRED = Decimal(100)

# Drill-down levels: (name, key field, code field, name field, URL filter field)
LEVELS = [
    ("agency", "agency__slug", "agency__short_name", "agency__name"),
    (
        "program",
        "sub_activity__activity__program__code",
        "sub_activity__activity__program__code",
        "sub_activity__activity__program__name",
    ),
    (
        "activity",
        "sub_activity__activity__code",
        "sub_activity__activity__code",
        "sub_activity__activity__name",
    ),
    ("sub_activity", "sub_activity__code", "sub_activity__code", "sub_activity__name"),
    ("account", "account__code", "account__code", "account__name"),
]
LEVEL_LABELS = {
    "agency": _("Agency (OPD)"),
    "program": _("Programme"),
    "activity": _("Activity"),
    "sub_activity": _("Sub-activity"),
    "account": _("Account"),
}
SORTS = {
    "kode": "code",
    "nama": "name",
    "usulan": "proposed",
    "disetujui": "approved",
    "pagu": "adjusted",
    "realisasi": "executed",
    "persen": "percent_executed",
}
DEFAULT_SORT = "-pagu"
DOWNLOAD_COLUMNS = ["code", "name", *PHASES, "percent_executed", "percent_share"]


def url_code(code: str | None) -> str:
    """A classification code as a URL segment: dots become dashes (``1.01.02`` → ``1-01-02``).

    Wagtail serves only page paths made of letters, digits, ``_`` and ``-``.
    """
    return (code or "").replace(".", "-")


def code_from_url(segment: str) -> str:
    return segment.replace("-", ".")


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))


def with_percentages(rows: list[dict], total: dict) -> list[dict]:
    for row in rows:
        row["slug"] = url_code(row["key"]) if row["key"] else ""
        row["percent_executed"] = percent(row["executed"], row["adjusted"])
        row["percent_share"] = percent(row["adjusted"], total["adjusted"])
        row["percent_revised"] = percent(row["adjusted"] - row["approved"], row["approved"])
    return rows


def published_version(year: int) -> BudgetVersion:
    """The version residents see for ``year`` (404 when none is locked)."""
    version = (
        BudgetVersion.objects.filter(fiscal_year__year=year, status=BudgetVersion.Status.LOCKED)
        .select_related("fiscal_year")
        .order_by("-kind_order", "-pk")
        .first()
    )
    if version is None:
        raise Http404("no published budget for this year")
    return version


def published_years() -> list[int]:
    return list(FiscalYear.objects.published().order_by("-year").values_list("year", flat=True))


@dataclass
class Table:
    """Rows of one view with their totals, ready for the page, the downloads and the API."""

    level: str
    rows: list[dict]
    total: dict
    sort: str = DEFAULT_SORT
    crumbs: list[dict] = field(default_factory=list)


def sort_rows(rows: list[dict], sort: str) -> tuple[list[dict], str]:
    descending = sort.startswith("-")
    key = SORTS.get(sort.lstrip("-"))
    if key is None:
        sort, descending, key = DEFAULT_SORT, True, SORTS[DEFAULT_SORT.lstrip("-")]
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(key=lambda r: (r[key], r.get("code") or ""), reverse=descending)
    return present + missing, sort


def expenditure(version: BudgetVersion, *, expenditure_type: str = "", kecamatan: str = ""):
    lines = BudgetLine.objects.filter(version=version, category=Account.Category.EXPENDITURE)
    if expenditure_type:
        lines = lines.filter(expenditure_type=expenditure_type)
    if kecamatan:
        lines = lines.filter(kecamatan__code=kecamatan)
    return lines


def grouped(lines, key: str, code: str, name: str) -> list[dict]:
    """One row per group, with every phase summed by the database (one query)."""
    rows = lines.values(key_=F(key), code_=F(code), name_=F(name)).annotate(**phase_sums()).order_by()
    return [
        {"key": r["key_"], "code": r["code_"], "name": r["name_"], **{p: r[SUM_PREFIX + p] for p in PHASES}}
        for r in rows
    ]


def drill(
    version: BudgetVersion,
    path: list[str],
    *,
    expenditure_type: str = "",
    kecamatan: str = "",
    search: str = "",
    sort: str = DEFAULT_SORT,
) -> Table:
    """The rows of the level below ``path`` (agency slug, programme, activity, sub-activity codes)."""
    lines = expenditure(version, expenditure_type=expenditure_type, kecamatan=kecamatan)
    for (_level, key, _code, _name), value in zip(LEVELS, path, strict=False):
        lines = lines.filter(**{key: value})
    level, key, code, name = LEVELS[len(path)]
    total = lines.totals()
    if search:
        lines = lines.filter(Q(**{f"{name}__icontains": search}) | Q(**{f"{code}__icontains": search}))
    rows, sort = sort_rows(with_percentages(grouped(lines, key, code, name), total), sort)
    return Table(level=level, rows=rows, total=total, sort=sort, crumbs=crumbs(path))


def crumbs(path: list[str]) -> list[dict]:
    """Names of the levels above a drill-down view (at most two queries); 404 for unknown codes."""
    if not path:
        return []
    agency = Agency.objects.filter(slug=path[0]).values("slug", "short_name", "name").first()
    if agency is None:
        raise Http404("unknown agency")
    result = [
        {
            "level": "agency",
            "key": agency["slug"],
            "slug": agency["slug"],
            "code": agency["short_name"],
            "name": agency["name"],
        }
    ]
    if len(path) == 1:
        return result
    from .models import Activity, Program

    codes = path[1:]
    # The deepest level with its parents in one query.
    if len(codes) >= 3:
        obj = SubActivity.objects.select_related("activity__program").filter(code=codes[2]).first()
        chain = [obj.activity.program, obj.activity, obj] if obj else None
    elif len(codes) == 2:
        obj = Activity.objects.select_related("program").filter(code=codes[1]).first()
        chain = [obj.program, obj] if obj else None
    else:
        obj = Program.objects.filter(code=codes[0]).first()
        chain = [obj] if obj else None
    if chain is None or [c.code for c in chain] != codes:
        raise Http404("unknown code")
    for level, item in zip(("program", "activity", "sub_activity"), chain, strict=False):
        result.append(
            {
                "level": level,
                "key": item.code,
                "slug": url_code(item.code),
                "code": item.code,
                "name": item.name,
            }
        )
    return result


def by_type(version: BudgetVersion, *, kecamatan: str = "", sort: str = DEFAULT_SORT) -> Table:
    lines = expenditure(version, kecamatan=kecamatan)
    total = lines.totals()
    rows = grouped(lines, "expenditure_type", "expenditure_type", "expenditure_type")
    labels = dict(Account.ExpenditureType.choices)
    for row in rows:
        row["name"] = str(labels.get(row["key"], row["key"]))
    rows, sort = sort_rows(with_percentages(rows, total), sort)
    return Table(level="type", rows=rows, total=total, sort=sort)


def by_kecamatan(version: BudgetVersion, *, expenditure_type: str = "", sort: str = DEFAULT_SORT) -> Table:
    lines = expenditure(version, expenditure_type=expenditure_type)
    total = lines.totals()
    rows = grouped(lines, "kecamatan__code", "kecamatan__code", "kecamatan__name")
    for row in rows:
        if row["key"] is None:
            row["name"] = str(_("City-wide (not located)"))
            row["code"] = ""
    rows, sort = sort_rows(with_percentages(rows, total), sort)
    return Table(level="kecamatan", rows=rows, total=total, sort=sort)


def summary(version: BudgetVersion) -> dict:
    """The year at a glance (three queries): per category, per type of expenditure, per month."""
    lines = BudgetLine.objects.filter(version=version)
    per_category = {
        r["category"]: unprefixed(r) for r in lines.values("category").annotate(**phase_sums()).order_by()
    }
    empty = dict.fromkeys(PHASES, Decimal(0))
    C = Account.Category
    revenue = per_category.get(C.REVENUE, empty)
    spending = per_category.get(C.EXPENDITURE, empty)
    receipts = per_category.get(C.FINANCING_RECEIPT, empty)
    payments = per_category.get(C.FINANCING_EXPENDITURE, empty)
    surplus = {p: revenue[p] - spending[p] for p in PHASES}
    financing = {p: receipts[p] - payments[p] for p in PHASES}
    rows = [
        {"key": "revenue", "name": str(_("Revenue")), **{p: revenue[p] for p in PHASES}},
        {"key": "expenditure", "name": str(_("Expenditure")), **{p: spending[p] for p in PHASES}},
        {
            "key": "financing_receipt",
            "name": str(_("Financing receipts")),
            **{p: receipts[p] for p in PHASES},
        },
        {
            "key": "financing_expenditure",
            "name": str(_("Financing expenditure")),
            **{p: payments[p] for p in PHASES},
        },
    ]
    for row in rows:
        row["percent_executed"] = percent(row["executed"], row["adjusted"])
    types = by_type(version)
    months = {
        (r["month"], r["line__category"]): r["total"]
        for r in Realisation.objects.filter(line__version=version)
        .values("month", "line__category")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    monthly = []
    running_revenue = running_spending = Decimal(0)
    for month in range(1, 13):
        running_revenue += months.get((month, C.REVENUE), 0)
        running_spending += months.get((month, C.EXPENDITURE), 0)
        monthly.append(
            {
                "month": month,
                "revenue": months.get((month, C.REVENUE), Decimal(0)),
                "expenditure": months.get((month, C.EXPENDITURE), Decimal(0)),
                "revenue_to_date": running_revenue,
                "expenditure_to_date": running_spending,
            }
        )
    return {
        "rows": rows,
        "revenue": revenue,
        "expenditure": spending,
        "surplus": surplus,
        "financing": financing,
        "net_balance": {p: surplus[p] + financing[p] for p in PHASES},
        "types": types,
        "monthly": monthly,
    }


def comparison(version: BudgetVersion, previous: BudgetVersion | None) -> dict:
    """Per agency: this year's original and revised amounts and last year's (one query)."""
    versions = [version.pk] + ([previous.pk] if previous else [])
    rows = (
        BudgetLine.objects.filter(version_id__in=versions, category=Account.Category.EXPENDITURE)
        .values(
            "version_id",
            agency_slug=F("agency__slug"),
            agency_code=F("agency__short_name"),
            agency_name=F("agency__name"),
        )
        .annotate(**phase_sums())
        .order_by()
    )
    by_agency: dict[str, dict] = {}
    for row in rows:
        entry = by_agency.setdefault(
            row["agency_slug"],
            {
                "key": row["agency_slug"],
                "code": row["agency_code"],
                "name": row["agency_name"],
                "approved": Decimal(0),
                "adjusted": Decimal(0),
                "previous": Decimal(0),
            },
        )
        row = unprefixed(row)
        if row["version_id"] == version.pk:
            entry["approved"] = row["approved"]
            entry["adjusted"] = row["adjusted"]
        else:
            entry["previous"] = row["adjusted"]
    result = sorted(by_agency.values(), key=lambda r: r["name"])
    total = {k: sum((r[k] for r in result), Decimal(0)) for k in ("approved", "adjusted", "previous")}
    for row in result + [total]:
        row["percent_revised"] = percent(row["adjusted"] - row["approved"], row["approved"])
        row["percent_year_on_year"] = percent(row["adjusted"] - row["previous"], row["previous"])
    return {"rows": result, "total": total}


def previous_version(version: BudgetVersion) -> BudgetVersion | None:
    try:
        return published_version(version.fiscal_year.year - 1)
    except Http404:
        return None
