"""One base URL for every absolute link the site gives out: the Site's root URL.

Canonical links, ``og:url``, ``og:image``, the XML sitemap, the news feeds and robots.txt all
build absolute URLs from the Wagtail Site that serves the request (``Site.root_url``), never from
the request's Host header, which behind a proxy or on a second address would differ.
``seed_demo`` sets the Site's address from ``WAGTAILADMIN_BASE_URL`` (see README).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.models import Site


def site_root_url(request=None) -> str:
    """The root URL (scheme, host, port; no trailing slash) of the request's or default Site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute_url(path: str, request=None) -> str:
    """``path`` on the site's one base URL; URLs that are already absolute are kept."""
    if urlsplit(path).scheme:
        return path
    if path.startswith("//"):
        return urlsplit(site_root_url(request)).scheme + ":" + path
    return site_root_url(request) + path


def site_address(base_url: str) -> tuple[str, int]:
    """``(hostname, port)`` for a Wagtail Site from a base URL such as ``https://portal.example``."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port
