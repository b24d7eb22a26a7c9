"""The public JSON API under /api/v1/: every service's endpoints (schema and docs: cms/urls.py).

The OpenAPI schema is generated from these endpoints only (``PublicAPISchemaGenerator``), so
Wagtail's own admin APIs stay out of it and ``check --deploy`` checks exactly what is published.
"""

from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator

urlpatterns = [
    path("appointments/", include("smartcity.appointments.urls")),
    path("ppid/", include("smartcity.transparency.urls")),
    path("musrenbang/", include("smartcity.musrenbang.urls")),
    path("permits/", include("smartcity.permits.urls")),
    path("budget/", include("smartcity.budget.urls")),
]


class _PublicAPI:
    """A URLconf holding only the public API, at its real prefix (for the schema's paths)."""

    urlpatterns = [path("api/v1/", include("cms.api_urls"))]


class PublicAPISchemaGenerator(SchemaGenerator):
    def __init__(self, *args, urlconf=None, **kwargs):
        super().__init__(*args, urlconf=urlconf or _PublicAPI, **kwargs)
