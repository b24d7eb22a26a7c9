"""Template helpers of the public budget pages: server-drawn SVG bar charts and the budget lines
a musrenbang proposal is funded by."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()

BAR_HEIGHT = 14
ROW_HEIGHT = 44
CHART_WIDTH = 600


@register.inclusion_tag("budget/includes/bar_chart.html")
def bar_chart(
    rows, chart_id: str, title: str, limit: int = 12, value: str = "adjusted", second: str = "executed"
):
    """A horizontal bar chart of ``rows`` (the first ``limit``): ``value`` as a light bar, ``second``
    (realisation) drawn over it; the page shows the same figures in a table next to it."""
    shown = list(rows)[:limit]
    largest = max([Decimal(r.get(value) or 0) for r in shown] + [Decimal(1)])
    bars = []
    for index, row in enumerate(shown):
        first = Decimal(row.get(value) or 0)
        other = Decimal(row.get(second) or 0) if second else Decimal(0)
        bars.append(
            {
                "label": row.get("name") or row.get("code") or "",
                "y_text": index * ROW_HEIGHT + 14,
                "y_bar": index * ROW_HEIGHT + 20,
                "width": max(int(first * CHART_WIDTH / largest), 1),
                "second_width": int(min(other, largest) * CHART_WIDTH / largest) if second else 0,
                "value": first,
                "second": other,
            }
        )
    return {
        "bars": bars,
        "chart_id": chart_id,
        "title": title,
        "height": max(len(bars) * ROW_HEIGHT, ROW_HEIGHT),
        "width": CHART_WIDTH,
        "bar_height": BAR_HEIGHT,
        "has_second": bool(second),
    }


@register.inclusion_tag("budget/includes/proposal_budget_lines.html", takes_context=True)
def proposal_budget_lines(context, proposal):
    """The budget lines (published versions) that fund a musrenbang proposal, with realisation.

    For the proposal's page (its ``budget_lines`` block): one query.
    """
    from smartcity.budget.models import BudgetLine, BudgetPage, BudgetVersion

    lines = list(
        BudgetLine.objects.filter(proposals=proposal, version__status=BudgetVersion.Status.LOCKED)
        .select_related("version__fiscal_year", "agency", "sub_activity__activity__program", "account")
        .order_by("-version__fiscal_year__year", "-version__kind_order")
    )
    return {
        "lines": lines,
        "budget_page": BudgetPage.current() if lines else None,
        "request": context.get("request"),
    }


@register.filter
def rupiah(value) -> str:
    """Whole rupiah with Indonesian thousands separators (1.500.000)."""
    if value is None or value == "":
        return "–"
    return f"{int(Decimal(value)):,}".replace(",", ".")


@register.filter
def pct(value) -> str:
    """A percentage the Indonesian way (69,3 %), the sign held to its number by a no-break
    space so that a narrow screen never puts "%" alone on the next line."""
    if value is None:
        return "–"
    # Half up, as reports round for the public (Decimal's own default rounds 69,25 to 69,2).
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",") + "\u00a0%"


@register.filter(name="url_code")
def url_code_filter(code) -> str:
    from smartcity.budget.disclosure import url_code

    return url_code(code)
