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

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from smartcity.core.models.pages import ServicePage


class AppointmentPage(ServicePage):
    """e-appointment (janji temu): the booking service page (usually /layanan/janji-temu/)."""

    class Meta:
        verbose_name = _("appointment service page (janji temu)")

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
