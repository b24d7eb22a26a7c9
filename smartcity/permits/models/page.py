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

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock


class PermitPage(RoutablePageMixin, Page):
    """e-sippadu: the permit service page (usually /layanan/perizinan/)."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("about the service"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked next to the consent checkbox of the form."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("privacy_page"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.ServiceIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("permit service page (e-sippadu)")

    @classmethod
    def current(cls) -> PermitPage | None:
        from smartcity.core.pages import live_page_in_reader_language

        return live_page_in_reader_language(cls)

    def subpage_path(self, name: str, *args, **kwargs) -> str:
        _site_id, _root_url, page_path = self.get_url_parts()
        return page_path + self.reverse_subpage(name, args=args, kwargs=kwargs)

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
