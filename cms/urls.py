from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("cari/", search_views.search, name="search"),
    path("lampiran/", include("smartcity.core.urls")),
    path("open311/v2/", include("smartcity.complaints.open311_urls")),
    path("api/v1/", include("cms.api_urls")),
    path("bahasa/<str:language>/", cms_views.switch_language, name="switch_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("favicon.ico", cms_views.favicon, name="favicon"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Public media (image renditions) on a single machine; larger set-ups serve MEDIA_ROOT
    # from the reverse proxy or object storage instead.
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "cms.views.server_error"
