"""URLs of the e-musrenbang API, included under /api/v1/musrenbang/ (see cms/api_urls.py)."""

from django.urls import path

from . import api

app_name = "musrenbang_api"

urlpatterns = [
    path("cycles/", api.CycleListView.as_view(), name="cycles"),
    path("proposals/", api.ProposalListView.as_view(), name="proposals"),
    path("proposals/<str:reference>/", api.ProposalDetailView.as_view(), name="proposal"),
]
