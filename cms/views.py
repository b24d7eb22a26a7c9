"""Small site-wide views that are not pages: language switch, robots.txt, favicon, errors."""

import posixpath

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from home.i18n import page_url_in_language
from home.links import absolute_url


@require_GET
def switch_language(request, language: str):
    """Go to the same page in ``language`` and remember the choice in a cookie.

    Pages have an address per language (``/berita/…``, ``/en/news/…``), so the visitor goes to
    the translation of the page they were on (see ``home.i18n.page_url_in_language``); the
    cookie sets the interface language of the addresses shared by both languages (search,
    complaint tracking links, the admin). A plain link (GET) rather than Django's POST
    ``set_language``: it works without JavaScript and keeps pages free of CSRF tokens, so they
    stay cacheable for anonymous visitors.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    known = language in dict(settings.LANGUAGES) and check_for_language(language)
    if known:
        next_url = page_url_in_language(request, next_url, language)
    response = HttpResponseRedirect(next_url)
    if known:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=True,
        )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        "Disallow: /bahasa/",
        "Disallow: /documents/",
        f"Sitemap: {absolute_url('/sitemap.xml', request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponseRedirect(static("img/favicon.svg"))


def server_error(request):
    """The 500 page, rendered without context processors that could fail again."""
    return render(request, "500.html", status=500)


# Wagtail keeps documents under MEDIA_ROOT/documents/ but serves them only through its document
# view (WAGTAILDOCS_SERVE_METHOD = "serve_view"), where the PPID refuses exempt documents; a
# direct media URL would go around that check.
PRIVATE_MEDIA_FOLDERS = ("documents/",)


def serve_public_media(request, path: str):
    """Public media (image renditions) on a single machine, never the documents folder."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.lower().startswith(PRIVATE_MEDIA_FOLDERS) or normalised.lower() == "documents":
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
