"""Public content models, one module per concern."""

from .navigation import FooterLink, MainMenuItem, NavigationSettings, SiteSettings
from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .pages import Announcement, HomePage, KeyFigure, ServiceIndexPage, ServiceTile, StandardPage

__all__ = [
    "Announcement",
    "FooterLink",
    "HomePage",
    "KeyFigure",
    "MainMenuItem",
    "NavigationSettings",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "ServiceIndexPage",
    "ServiceTile",
    "SiteSettings",
    "StandardPage",
]
