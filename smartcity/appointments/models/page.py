"""The public face of e-appointment: one Wagtail page that editors place under /layanan/.

=====================================  ==========================================================
``<page>/``                            the bookable services, each with its next free slot
``<page>/<service>/``                  one service: details and its free slots, a week at a time
``<page>/<service>/pesan/``            the booking form for the chosen slot (``?waktu=``)
``<page>/kelola/``                     open a booking with its code and access code (POST)
``<page>/kode/<code>/``                the booking, for a browser that proved access: cancel, move
``<page>/kode/<code>/pindah/``         choose a new time
``<page>/kode/<code>/kalender/``      the appointment as an .ics file for the citizen's calendar
``<page>/kode/<code>/tanda-terima/``  the PDF receipt (core receipts) with the code and a QR code
``<page>/kelola/konfirmasi/``          confirm attendance with the reminder's link (``#<code>.<code>``)
``<page>/<service>/daftar-tunggu/``    join the waitlist of a full day (``?tanggal=``)
``<page>/daftar-tunggu/buka/``         open a waitlist entry with its number and access code (POST)
``<page>/daftar-tunggu/<number>/``     the entry, for a browser that proved access: accept,
                                       decline an offered place, or leave the list
=====================================  ==========================================================
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


class AppointmentPage(RoutablePageMixin, Page):
    """e-appointment (janji temu): the booking service page (usually /layanan/janji-temu/)."""

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
        verbose_name = _("appointment service page (janji temu)")

    @classmethod
    def current(cls) -> AppointmentPage | None:
        """The live page in the reader's language (there is one per language)."""
        from smartcity.core.pages import live_page_in_reader_language

        return live_page_in_reader_language(cls)

    def subpage_path(self, name: str, *args, **kwargs) -> str:
        _site_id, _root_url, page_path = self.get_url_parts()
        return page_path + self.reverse_subpage(name, args=args, kwargs=kwargs)

    @path("", name="index")
    def index_route(self, request):
        from smartcity.appointments import views

        return views.service_list(request, self)

    @path("kelola/", name="manage")
    def manage_route(self, request):
        from smartcity.appointments import views

        return views.open_booking(request, self)

    @path("kelola/konfirmasi/", name="confirm")
    def confirm_route(self, request):
        from smartcity.appointments import views

        return views.confirm_booking(request, self)

    @path("daftar-tunggu/buka/", name="waitlist_open")
    def waitlist_open_route(self, request):
        from smartcity.appointments import views

        return views.open_waitlist_entry(request, self)

    @path("daftar-tunggu/<str:code>/", name="waitlist_entry")
    def waitlist_entry_route(self, request, code):
        from smartcity.appointments import views

        return views.waitlist_entry(request, self, code)

    @path("kode/<str:code>/", name="booking")
    def booking_route(self, request, code):
        from smartcity.appointments import views

        return views.booking_detail(request, self, code)

    @path("kode/<str:code>/pindah/", name="move")
    def move_route(self, request, code):
        from smartcity.appointments import views

        return views.move_booking(request, self, code)

    @path("kode/<str:code>/kalender/", name="ics")
    def ics_route(self, request, code):
        from smartcity.appointments import views

        return views.booking_ics(request, self, code)

    @path("kode/<str:code>/tanda-terima/", name="receipt")
    def receipt_route(self, request, code):
        from smartcity.appointments import views

        return views.booking_receipt(request, self, code)

    @path("<slug:service>/", name="service")
    def service_route(self, request, service):
        from smartcity.appointments import views

        return views.service_detail(request, self, service)

    @path("<slug:service>/daftar-tunggu/", name="waitlist_join")
    def waitlist_join_route(self, request, service):
        from smartcity.appointments import views

        return views.waitlist_form(request, self, service)

    @path("<slug:service>/pesan/", name="book")
    def book_route(self, request, service):
        from smartcity.appointments import views

        return views.booking_form(request, self, service)
