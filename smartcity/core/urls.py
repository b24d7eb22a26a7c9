from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("<uuid:uuid>/", views.download_attachment, name="attachment"),
]
