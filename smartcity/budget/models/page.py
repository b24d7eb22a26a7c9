"""The public face of e-budgeting: one Wagtail page, placed at /anggaran/.

Every view has a stable address and is downloadable as CSV, XLSX or JSON with ``?unduh=<format>``
(keeping its filters and sort).

=============================================================  ================================
``<page>/``                                                    the latest published year
``<page>/<year>/``                                             the year at a glance
``<page>/<year>/opd/``                                         expenditure by agency
``<page>/<year>/opd/<agency>/``                                an agency's programmes
``<page>/<year>/opd/<agency>/<program>/``                      a programme's activities
``<page>/<year>/opd/<agency>/<program>/<activity>/``           an activity's sub-activities
``<page>/<year>/opd/<agency>/<program>/<activity>/<sub>/``     a sub-activity's accounts, lines
                                                               and the musrenbang proposals
``<page>/<year>/jenis/``                                       by type of expenditure
``<page>/<year>/kecamatan/``                                   by kecamatan
``<page>/<year>/perbandingan/``                                year on year, original vs revised
``<page>/<year>/datapackage.json``                             Fiscal Data Package descriptor
``<page>/<year>/data/<resource>.csv``                          its CSV resources
=============================================================  ================================

Codes in addresses have dashes for dots (``1-01-02``): Wagtail serves only page paths of letters,
digits, ``_`` and ``-``. For the same reason the data package's files (names with a dot) are
served by ``smartcity.budget.urls_public``, a URL pattern ahead of Wagtail's, under the page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from smartcity.core.models.pages import ServicePage


class BudgetPage(ServicePage):
    """e-budgeting: the city budget (APBD) disclosed to residents (/anggaran/)."""

    search_result_label = _("Open data")
    parent_page_types = ["home.HomePage", "home.ServiceIndexPage"]

    class Meta:
        verbose_name = _("city budget page (APBD)")

    @path("", name="index")
    def index_route(self, request):
        from smartcity.budget import views

        return views.index(request, self)

    @path("<int:year>/", name="year")
    def year_route(self, request, year):
        from smartcity.budget import views

        return views.year_summary(request, self, year)

    @path("<int:year>/opd/", name="agencies")
    def agencies_route(self, request, year):
        from smartcity.budget import views

        return views.drill(request, self, year)

    @path("<int:year>/opd/<slug:agency>/", name="agency")
    def agency_route(self, request, year, agency):
        from smartcity.budget import views

        return views.drill(request, self, year, agency)

    @path("<int:year>/opd/<slug:agency>/<str:program>/", name="program")
    def program_route(self, request, year, agency, program):
        from smartcity.budget import views

        return views.drill(request, self, year, agency, program)

    @path("<int:year>/opd/<slug:agency>/<str:program>/<str:activity>/", name="activity")
    def activity_route(self, request, year, agency, program, activity):
        from smartcity.budget import views

        return views.drill(request, self, year, agency, program, activity)

    @path("<int:year>/opd/<slug:agency>/<str:program>/<str:activity>/<str:sub>/", name="sub_activity")
    def sub_activity_route(self, request, year, agency, program, activity, sub):
        from smartcity.budget import views

        return views.drill(request, self, year, agency, program, activity, sub)

    @path("<int:year>/jenis/", name="types")
    def types_route(self, request, year):
        from smartcity.budget import views

        return views.by_type(request, self, year)

    @path("<int:year>/kecamatan/", name="kecamatan")
    def kecamatan_route(self, request, year):
        from smartcity.budget import views

        return views.by_kecamatan(request, self, year)

    @path("<int:year>/perbandingan/", name="comparison")
    def comparison_route(self, request, year):
        from smartcity.budget import views

        return views.comparison(request, self, year)
