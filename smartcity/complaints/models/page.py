"""The public face of e-masyarakat: one Wagtail page that editors place under /layanan/.

Editors write the introduction and the explanation of the service; the page itself serves the
complaint form and, through its routes, tracking, the public list, the map and the statistics:

=================================  ===============================================================
``<page>/``                        the form (GET shows it, POST submits)
``<page>/terkirim/<reference>/``   the confirmation, for the browser that sent the complaint
``<page>/lacak/``                  tracking: reference number + access code (POST)
``<page>/lacak/<reference>/``      one complaint, for a browser that proved access with the code
``<page>/lacak/<reference>/tanda-terima/``  the PDF receipt, for the browser that filed it
``<page>/lacak/<reference>/lampiran/<uuid>/``  its attachments, for the same browser
``<page>/lacak/keluar/``           forget the complaints this browser has opened
``<page>/daftar/``                 public list (``?tampilan=peta`` shows the map)
``<page>/daftar/<reference>/``     one public complaint (``ikuti/``: "I have this problem too")
``<page>/ikuti/konfirmasi/<token>/``  a follower confirms (link in the e-mail; a button, POST)
``<page>/ikuti/berhenti/<token>/``    a follower stops following (link in every update)
``<page>/sekitar/``                open public complaints near a point, JSON for the form
``<page>/statistik/``              public statistics
=================================  ===============================================================
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from smartcity.core.models.pages import ServicePage


class ComplaintPage(ServicePage):
    """e-masyarakat: the complaint and aspiration service page (usually /layanan/pengaduan/)."""

    body = StreamField(
        BodyBlock(),
        verbose_name=_("about the service"),
        blank=True,
        help_text=_("What can be reported, how complaints are handled, response times, contacts."),
    )

    class Meta:
        verbose_name = _("complaint service page (e-masyarakat)")

    # --- Where things are ---------------------------------------------------------------------

    def form_url(self) -> str:
        return self.subpage_path("form")

    def confirmation_url(self, reference: str) -> str:
        return self.subpage_path("confirmation", reference=reference)

    def tracking_url(self) -> str:
        return self.subpage_path("track")

    def case_url(self, reference: str) -> str:
        return self.subpage_path("track_case", reference=reference)

    def list_url(self) -> str:
        return self.subpage_path("list")

    def public_case_url(self, reference: str) -> str:
        return self.subpage_path("public_case", reference=reference)

    def map_url(self) -> str:
        return self.list_url() + "?tampilan=peta"

    def statistics_url(self) -> str:
        return self.subpage_path("statistics")

    # --- Routes: each hands over to a thin view in smartcity.complaints.views -------------------

    @path("", name="form")
    def form_route(self, request):
        from smartcity.complaints import views

        return views.complaint_form(request, self)

    @path("terkirim/<str:reference>/", name="confirmation")
    def confirmation_route(self, request, reference):
        from smartcity.complaints import views

        return views.confirmation(request, self, reference)

    @path("lacak/", name="track")
    def track_route(self, request):
        from smartcity.complaints import views

        return views.track(request, self)

    @path("lacak/keluar/", name="track_forget")
    def track_forget_route(self, request):
        from smartcity.complaints import views

        return views.forget_access(request, self)

    @path("lacak/<str:reference>/", name="track_case")
    def track_case_route(self, request, reference):
        from smartcity.complaints import views

        return views.track_case(request, self, reference)

    @path("lacak/<str:reference>/tanda-terima/", name="track_receipt")
    def track_receipt_route(self, request, reference):
        from smartcity.complaints import views

        return views.receipt(request, self, reference)

    @path("lacak/<str:reference>/lampiran/<uuid:uuid>/", name="track_attachment")
    def track_attachment_route(self, request, reference, uuid):
        from smartcity.complaints import views

        return views.citizen_attachment(request, self, reference, uuid)

    @path("daftar/", name="list")
    def list_route(self, request):
        from smartcity.complaints import views

        return views.public_list(request, self)

    @path("daftar/<str:reference>/", name="public_case")
    def public_case_route(self, request, reference):
        from smartcity.complaints import views_public

        return views_public.public_case(request, self, reference)

    @path("daftar/<str:reference>/ikuti/", name="follow")
    def follow_route(self, request, reference):
        from smartcity.complaints import views_public

        return views_public.follow(request, self, reference)

    @path("daftar/<str:reference>/ikuti/kode/", name="follow_code")
    def follow_code_route(self, request, reference):
        from smartcity.complaints import views_public

        return views_public.follow_code(request, self, reference)

    @path("ikuti/konfirmasi/<str:token>/", name="follow_confirm")
    def follow_confirm_route(self, request, token):
        from smartcity.complaints import views_public

        return views_public.follow_confirm(request, self, token)

    @path("ikuti/berhenti/<str:token>/", name="follow_stop")
    def follow_stop_route(self, request, token):
        from smartcity.complaints import views_public

        return views_public.follow_stop(request, self, token)

    @path("sekitar/", name="nearby")
    def nearby_route(self, request):
        from smartcity.complaints import views_public

        return views_public.nearby(request, self)

    @path("statistik/", name="statistics")
    def statistics_route(self, request):
        from smartcity.complaints import views

        return views.statistics(request, self)
