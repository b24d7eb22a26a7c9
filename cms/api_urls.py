"""The public JSON API under /api/v1/: every service's endpoints, its OpenAPI schema and docs.

The schema is generated from this module only, so Wagtail's own admin API stays out of it.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

endpoints = [
    path("appointments/", include("smartcity.appointments.urls")),
]


class _Endpoints:
    urlpatterns = [path("api/v1/", include(endpoints))]


urlpatterns = endpoints + [
    path("schema/", SpectacularAPIView.as_view(urlconf=_Endpoints), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
