"""URLs of the e-budgeting API, included under /api/v1/budget/ (see cms/api_urls.py)."""

from django.urls import path

from . import api

app_name = "budget_api"

urlpatterns = [
    path("years/", api.YearListView.as_view(), name="years"),
    path("<int:year>/summary/", api.SummaryView.as_view(), name="summary"),
    path("<int:year>/lines/", api.LineListView.as_view(), name="lines"),
]
