"""URLs of the e-sippadu API, included under /api/v1/permits/ (see cms/api_urls.py)."""

from django.urls import path

from . import api

app_name = "permits_api"

urlpatterns = [
    path("types/", api.PermitTypeListView.as_view(), name="types"),
    path("verify/<str:code>/", api.PermitVerifyView.as_view(), name="verify"),
]
