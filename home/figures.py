"""Figures for the home page counted from the portal's own records, never typed in.

An editor picks a metric for a key figure from a fixed list; its value is counted when the page
is rendered (the page cache keeps it cheap). Each metric's counting function is named by dotted
path, so the service apps that own the records are imported only when a figure asks for them.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    ONLINE_SERVICES = "online_services", _("Online services (live service pages)")
    NEWS_ARTICLES = "news_articles", _("Published news articles")
    COMPLAINTS_RECEIVED = "complaints_received", _("Complaints received")
    COMPLAINTS_HANDLED = "complaints_handled", _("Complaints handled (resolved or closed)")
    AGENCIES = "agencies", _("City agencies (OPD)")
    KECAMATAN = "kecamatan", _("Districts (kecamatan)")
    KELURAHAN = "kelurahan", _("Urban villages (kelurahan)")


COUNTERS = {
    Metric.ONLINE_SERVICES: "home.figures.count_online_services",
    Metric.NEWS_ARTICLES: "home.figures.count_news_articles",
    Metric.COMPLAINTS_RECEIVED: "smartcity.complaints.statistics.count_received",
    Metric.COMPLAINTS_HANDLED: "smartcity.complaints.statistics.count_handled",
    Metric.AGENCIES: "home.figures.count_agencies",
    Metric.KECAMATAN: "home.figures.count_kecamatan",
    Metric.KELURAHAN: "home.figures.count_kelurahan",
}


# Figures are counts for a glance, not a ledger: a few minutes old is fine, and it keeps the
# home page's query count flat with the page cache off (one query per figure otherwise).
FIGURE_CACHE_SECONDS = 300


def count(metric: str) -> int:
    """The value of ``metric``, counted at most every ``FIGURE_CACHE_SECONDS``."""
    metric = Metric(metric)
    return cache.get_or_set(
        f"home:figure:{metric.value}", lambda: import_string(COUNTERS[metric])(), FIGURE_CACHE_SECONDS
    )


def count_online_services() -> int:
    """The services one can use: live, public pages directly below a service index (/layanan/)
    and every live, public service page (``ServicePage``) wherever editors put it (e-musrenbang,
    e-budgeting and PPID sit at the top of the site)."""
    from wagtail.models import Page

    from home.models import ServiceIndexPage
    from home.visibility import only_public
    from smartcity.core.models.pages import ServicePage

    # A service translated into English is still one service: count translation keys.
    services = set(
        only_public(Page.objects.live().type(*ServicePage.types())).values_list("translation_key", flat=True)
    )
    for path, depth in ServiceIndexPage.objects.live().values_list("path", "depth"):
        below = only_public(Page.objects.live().filter(path__startswith=path, depth=depth + 1))
        services.update(below.values_list("translation_key", flat=True))
    return len(services)


def count_news_articles() -> int:
    from home.models import NewsPage
    from home.visibility import only_public

    # An article and its translation are one article.
    return only_public(NewsPage.objects.live()).values("translation_key").distinct().count()


def count_agencies() -> int:
    """Active city agencies; the kecamatan offices are counted as districts instead."""
    from smartcity.core.models import Agency

    return Agency.objects.active().exclude(kind=Agency.Kind.KECAMATAN).count()


def count_kecamatan() -> int:
    from smartcity.core.models import Kecamatan

    return Kecamatan.objects.count()


def count_kelurahan() -> int:
    from smartcity.core.models import Kelurahan

    return Kelurahan.objects.count()
