"""The page-wide browser checks cover every public page type: no page model, route or site view
is left out of public_pages.PUBLIC_PAGES unless it is listed below as not being an HTML page.

No browser needed: this reads the registry and the project's page models and URLs, so it fails
as soon as someone adds a page type without adding its entry.
"""

from django.urls import get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from .public_pages import PUBLIC_PAGES

# Routes and views that answer with something other than an HTML page for visitors.
NOT_HTML_PAGES = {
    "home.NewsIndexPage:rss": "RSS feed",
    "home.NewsIndexPage:atom": "Atom feed",
    "complaints.ComplaintPage:track_forget": "POST only, redirects",
    "complaints.ComplaintPage:track_attachment": "a file download",
    "complaints.ComplaintPage:track_receipt": "a PDF download",
    "appointments.AppointmentPage:ics": "an iCalendar download",
    "appointments.AppointmentPage:receipt": "a PDF download",
    "transparency.TransparencyPage:track_file": "a file download",
    "transparency.TransparencyPage:report_export": "CSV, XLSX and JSON downloads",
    "permits.PermitPage:receipt": "a PDF download",
    "permits.PermitPage:permit": "a PDF download",
    "api_schema": "the OpenAPI schema (YAML/JSON)",
    "api_docs": "drf-spectacular-sidecar's Swagger UI for developers, not a page for citizens",
    "complaints.ComplaintPage:nearby": "JSON for the complaint form's script",
    "musrenbang.MusrenbangPage:similar": "JSON for the proposal form's script",
    "musrenbang.MusrenbangPage:pagu": "JSON for the proposal form's script",
    "musrenbang.MusrenbangPage:support": "POST only, redirects to the proposal",
    "musrenbang.MusrenbangPage:photo": "an image, shown on the proposal's page (which has its entry)",
    "musrenbang.MusrenbangPage:list_download": "a CSV/XLSX/JSON download",
    "musrenbang.MusrenbangPage:results_download": "a CSV/XLSX/JSON download",
    "musrenbang.MusrenbangPage:catalogue_download": "a CSV/XLSX download",
    "switch_language": "redirects back",
    "sitemap": "XML",
    "robots_txt": "plain text",
    "favicon": "an image",
}
# URL prefixes that are not public HTML pages (staff screens, APIs, file downloads).
NOT_PUBLIC_PREFIXES = ("admin/", "documents/", "lampiran/", "open311/", "media/")


def public_page_types() -> set[str]:
    """Every page model a site can contain, each route of routable pages, and named site views."""
    names = set()
    for model in get_page_models():
        if not model.is_creatable:
            continue
        names.add(model._meta.label)
        if issubclass(model, RoutablePageMixin):
            names |= {f"{model._meta.label}:{route.name}" for route in model.get_subpage_urls()}
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern).startswith(NOT_PUBLIC_PREFIXES) or not getattr(pattern, "name", None):
            continue
        names.add(pattern.name)
    # Wagtail's catch-all route of every routable page is the page itself.
    return {name for name in names if not name.endswith(":index_route")}


def test_every_public_page_type_has_an_entry():
    covered = {name for entry in PUBLIC_PAGES for name in entry.covers}
    missing = public_page_types() - covered - set(NOT_HTML_PAGES)
    assert not missing, (
        "public page types without an entry in tests/browser/public_pages.py PUBLIC_PAGES "
        f"(add one, or list them in NOT_HTML_PAGES with the reason): {sorted(missing)}"
    )


def test_entries_name_only_existing_page_types():
    """A renamed route or model must not leave a stale entry that covers nothing."""
    stale = {name for entry in PUBLIC_PAGES for name in entry.covers} - public_page_types()
    assert not stale, f"entries cover page types that no longer exist: {sorted(stale)}"
