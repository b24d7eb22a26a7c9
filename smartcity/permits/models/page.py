"""The public face of e-sippadu: one Wagtail page that editors place under /layanan/.

====================================  =============================================================
``<page>/``                           the catalogue of permit types
``<page>/cek/``                       the eligibility check: which type fits, what to prepare
``<page>/statistik/``                 public statistics per type and month
``<page>/jenis/<type>/``              one type: requirements, fee, duration, steps
``<page>/jenis/<type>/ajukan/``       start an application (saved as a draft)
``<page>/lacak/``                     open an application with its number and access code (POST)
``<page>/berkas/<ref>/``              the application, for a browser that proved access: upload,
                                      submit, timeline, what is missing, fix and resubmit
``<page>/berkas/<ref>/tanda-terima/`` the receipt PDF (core receipts)
``<page>/berkas/<ref>/izin/``         the permit PDF once issued
``<page>/berkas/<ref>/survei/``       the satisfaction survey after completion
====================================  =============================================================
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from smartcity.core.models.pages import ServicePage


class PermitPage(ServicePage):
    """e-sippadu: the permit service page (usually /layanan/perizinan/)."""

    class Meta:
        verbose_name = _("permit service page (e-sippadu)")

    @path("", name="index")
    def index_route(self, request):
        from smartcity.permits import views

        return views.catalogue(request, self)

    @path("cek/", name="eligibility")
    def eligibility_route(self, request):
        from smartcity.permits import views

        return views.eligibility(request, self)

    @path("statistik/", name="statistics")
    def statistics_route(self, request):
        from smartcity.permits import views

        return views.statistics(request, self)

    @path("jenis/<slug:slug>/", name="type")
    def type_route(self, request, slug):
        from smartcity.permits import views

        return views.type_detail(request, self, slug)

    @path("jenis/<slug:slug>/ajukan/", name="apply")
    def apply_route(self, request, slug):
        from smartcity.permits import views

        return views.apply(request, self, slug)

    @path("lacak/", name="track")
    def track_route(self, request):
        from smartcity.permits import views

        return views.open_application(request, self)

    @path("berkas/<str:code>/", name="application")
    def application_route(self, request, code):
        from smartcity.permits import views

        return views.application_detail(request, self, code)

    @path("berkas/<str:code>/tanda-terima/", name="receipt")
    def receipt_route(self, request, code):
        from smartcity.permits import views

        return views.application_receipt(request, self, code)

    @path("berkas/<str:code>/izin/", name="permit")
    def permit_route(self, request, code):
        from smartcity.permits import views

        return views.permit_download(request, self, code)

    @path("berkas/<str:code>/survei/", name="survey")
    def survey_route(self, request, code):
        from smartcity.permits import views

        return views.survey(request, self, code)
