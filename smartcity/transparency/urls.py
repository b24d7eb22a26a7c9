"""URLs of the PPID API, included under /api/v1/ppid/ (see cms/api_urls.py)."""

from django.urls import path

from . import api

app_name = "ppid_api"

urlpatterns = [
    path("report/<int:year>/", api.YearlyReportView.as_view(), name="report"),
]
