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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.visibility import SkipViewRestrictionsMixin


class TransparencyPage(SkipViewRestrictionsMixin, RoutablePageMixin, Page):
    """PPID (public information service): the list, requests, objections and the yearly report."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("about the service"), blank=True)
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

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("commission_contact"),
        FieldPanel("privacy_page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("public information service page (PPID)")

    @classmethod
    def current(cls) -> TransparencyPage | None:
        """The live page in the reader's language (there is one per language)."""
        from smartcity.core.pages import live_page_in_reader_language

        return live_page_in_reader_language(cls)

    def subpage_path(self, name: str, *args, **kwargs) -> str:
        _site_id, _root_url, page_path = self.get_url_parts()
        return page_path + self.reverse_subpage(name, args=args, kwargs=kwargs)

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
