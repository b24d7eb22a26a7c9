"""Open311 GeoReport v2 routes, mounted at /open311/v2/ (namespace "open311").

Every resource ends in its format, ``.json`` or ``.xml``; anything else under the prefix gets
the specification's 404 error body.
"""

from django.urls import path, re_path, register_converter

from . import api


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"

urlpatterns = [
    path("discovery.<open311_format:fmt>", api.discovery, name="discovery"),
    path("services.<open311_format:fmt>", api.services, name="services"),
    path("services/<slug:service_code>.<open311_format:fmt>", api.service_definition, name="service"),
    path("requests.<open311_format:fmt>", api.service_requests, name="requests"),
    path("requests/<slug:service_request_id>.<open311_format:fmt>", api.service_request, name="request"),
    path("tokens/<slug:token>.<open311_format:fmt>", api.token, name="token"),
    re_path(r"^(?P<path>.*)$", api.unknown_endpoint),
]
