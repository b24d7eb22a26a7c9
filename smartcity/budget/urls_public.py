"""The Fiscal Data Package files under the budget page (``<page>/<year>/datapackage.json`` and
``<page>/<year>/data/<resource>.csv``): their names have a dot, which Wagtail's page paths do not
allow, so they are matched here, ahead of Wagtail, and handed to the page's views."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<year>\d{4})/datapackage\.json$",
        views.datapackage_file,
        name="budget_datapackage",
    ),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<year>\d{4})/data/(?P<resource>[\w\-]+)\.csv$",
        views.datapackage_file,
        name="budget_datapackage_resource",
    ),
]
