"""The public face of the PPID: one routable Wagtail page, placed at /ppid/ by the seed.

====================================  ==============================================================
``<page>/``                           the public information list: search, agency, year, class
``<page>/permohonan/``                the information request form
``<page>/lacak/``                     open a request with its number and access code (POST)
``<page>/lacak/<number>/``            the request, for a browser that proved access: timeline,
                                      working days waited and left, the answer and its files,
                                      the objection and the Information Commission
``<page>/lacak/<number>/berkas/<id>/``  a file of the answer, to that browser
``<page>/lacak/<number>/keberatan/``  the objection form
``<page>/lacak/<number>/sengketa/``   recording a dispute filed with the Information Commission
``<page>/laporan/``                   the yearly reports; ``laporan/<year>/`` one year,
                                      ``laporan/<year>/<csv|xlsx|json>/`` its export
====================================  ==============================================================
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path

from home.visibility import SkipViewRestrictionsMixin
from smartcity.core.models.pages import ServicePage


class TransparencyPage(SkipViewRestrictionsMixin, ServicePage):
    """PPID (public information service): the list, requests, objections and the yearly report.

    Core's ``ServicePage`` gives the introduction, the explanation, the privacy notice link,
    ``current()`` (the page in the reader's language) and ``subpage_path()``.
    """

    commission_contact = models.TextField(
        _("Information Commission"),
        max_length=1000,
        blank=True,
        help_text=_("Name, address and website of the Information Commission that hears disputes."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked next to the consent checkbox of the request form."),
    )

    content_panels = ServicePage.content_panels[:-1] + [
        FieldPanel("commission_contact"),
        FieldPanel("privacy_page"),
    ]

    # The law's own place for the service: /ppid/, directly under the home page.
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("public information service page (PPID)")

    @path("", name="index")
    def index_route(self, request):
        from smartcity.transparency import views

        return views.information_list(request, self)

    @path("permohonan/", name="request")
    def request_route(self, request):
        from smartcity.transparency import views

        return views.request_form(request, self)

    @path("lacak/", name="track")
    def track_route(self, request):
        from smartcity.transparency import views

        return views.open_request(request, self)

    @path("lacak/<str:reference>/", name="track_request")
    def track_request_route(self, request, reference):
        from smartcity.transparency import views

        return views.track_request(request, self, reference)

    @path("lacak/<str:reference>/berkas/<uuid:uuid>/", name="track_file")
    def track_file_route(self, request, reference, uuid):
        from smartcity.transparency import views

        return views.answer_file(request, self, reference, uuid)

    @path("lacak/<str:reference>/keberatan/", name="objection")
    def objection_route(self, request, reference):
        from smartcity.transparency import views

        return views.objection_form(request, self, reference)

    @path("lacak/<str:reference>/sengketa/", name="dispute")
    def dispute_route(self, request, reference):
        from smartcity.transparency import views

        return views.dispute_form(request, self, reference)

    @path("laporan/", name="reports")
    def reports_route(self, request):
        from smartcity.transparency import views

        return views.report_index(request, self)

    @path("laporan/<int:year>/", name="report")
    def report_route(self, request, year):
        from smartcity.transparency import views

        return views.report(request, self, year)

    @path("laporan/<int:year>/<str:fmt>/", name="report_export")
    def report_export_route(self, request, year, fmt):
        from smartcity.transparency import views

        return views.report_export(request, self, year, fmt)
