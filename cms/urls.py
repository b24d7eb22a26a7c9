from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from home import moderation
from home import views as home_views
from search import views as search_views
from smartcity.permits import views as permit_views

urlpatterns = [
    # Wagtail's workflow action with a confirmation message; same path and view, matched first.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        moderation.workflow_action,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("cari/", search_views.search, name="search"),
    path("lampiran/", include("smartcity.core.urls")),
    # The address in every permit's QR code: never change it.
    path("verifikasi/<str:code>/", permit_views.verify, name="permit_verify"),
    path("open311/v2/", include("smartcity.complaints.open311_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/v1/", include("cms.api_urls")),
    path("bahasa/<str:language>/", cms_views.switch_language, name="switch_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("peta-situs/", home_views.site_map, name="site_map"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("favicon.ico", cms_views.favicon, name="favicon"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Public media (image renditions) on a single machine; larger set-ups serve MEDIA_ROOT
    # from the reverse proxy or object storage instead.
    urlpatterns += [path("media/<path:path>", cms_views.serve_public_media)]

# Wagtail's pages: the Indonesian tree at unprefixed URLs (every existing address keeps working),
# its English translation under /en/. Everything above is language-neutral: its interface
# language comes from the "bahasa" cookie or the browser (cms.middleware.ContentLanguageMiddleware).
# The budget page's data package files (names with a dot) are matched just ahead of the pages.
urlpatterns += i18n_patterns(
    path("", include("smartcity.budget.urls_public")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler500 = "cms.views.server_error"
