"""URLs of the e-appointment API, included under /api/v1/appointments/ (see cms/urls.py)."""

from django.urls import path

from . import api

app_name = "appointments_api"

urlpatterns = [
    path("services/", api.ServiceListView.as_view(), name="services"),
    # <str:…>: any value reaches the view, so an unknown service answers JSON 404 as documented.
    path("services/<str:slug>/slots/", api.SlotListView.as_view(), name="slots"),
    path("bookings/", api.BookingCreateView.as_view(), name="bookings"),
    path("bookings/<str:code>/cancel/", api.BookingCancelView.as_view(), name="cancel"),
]
