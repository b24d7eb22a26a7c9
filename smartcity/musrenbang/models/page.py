"""The public face of e-musrenbang: one Wagtail page, placed at /musrenbang/.

======================================  =========================================================
``<page>/``                             the cycle, its phases and what residents can do now
``<page>/usul/``                        the proposal form (during intake)
``<page>/usul/terkirim/<reference>/``  "check your e-mail": the proposal waits for confirmation
``<page>/usulan/``                      proposals with filters (``?tampilan=peta``: the map)
``<page>/usulan/unduh/<format>/``       the filtered proposals as CSV, XLSX or JSON
``<page>/usulan/<reference>/``          one proposal: its journey, history across years, support
``<page>/usulan/<ref>/foto/<id>/``      a photo of a verified proposal (no EXIF)
``<page>/usulan/<reference>/dukung/``   support it (POST; a confirmation link is e-mailed)
``<page>/konfirmasi/<token>/``          a proposer or supporter confirms (a button, POST)
``<page>/perbaiki/<token>/``            the proposer fixes a returned proposal (private link)
``<page>/berhenti/<token>/``            stop receiving updates (link in every e-mail)
``<page>/mirip/``                       similar proposals of a kelurahan, JSON for the form
``<page>/pagu/``                        the cost typed and the kelurahan's pagu, JSON for the form
``<page>/hasil/``                       results per kecamatan and sector against the pagu
``<page>/hasil/unduh/<format>/``        the results as CSV, XLSX or JSON
``<page>/kamus/``                       the catalogue of standard activities (printable)
``<page>/kamus/unduh/<format>/``        the catalogue as CSV or XLSX
======================================  =========================================================
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from smartcity.core.models.pages import ServicePage


class MusrenbangPage(ServicePage):
    """e-musrenbang: the public page of the development planning deliberations (/musrenbang/)."""

    # Musrenbang is the city's planning process, not a counter service: at the site's top level.
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("development planning page (e-musrenbang)")

    def proposal_url(self, reference: str) -> str:
        return self.subpage_path("proposal", reference=reference)

    @path("", name="index")
    def index_route(self, request):
        from smartcity.musrenbang import views

        return views.overview(request, self)

    @path("usul/", name="form")
    def form_route(self, request):
        from smartcity.musrenbang import views

        return views.proposal_form(request, self)

    @path("usul/terkirim/<str:reference>/", name="sent")
    def sent_route(self, request, reference):
        from smartcity.musrenbang import views

        return views.proposal_sent(request, self, reference)

    @path("usulan/", name="list")
    def list_route(self, request):
        from smartcity.musrenbang import views

        return views.proposal_list(request, self)

    @path("usulan/unduh/<str:fmt>/", name="list_download")
    def list_download_route(self, request, fmt):
        from smartcity.musrenbang import views

        return views.proposal_download(request, self, fmt)

    @path("usulan/<str:reference>/", name="proposal")
    def proposal_route(self, request, reference):
        from smartcity.musrenbang import views

        return views.proposal_detail(request, self, reference)

    @path("usulan/<str:reference>/foto/<uuid:uuid>/", name="photo")
    def photo_route(self, request, reference, uuid):
        from smartcity.musrenbang import views

        return views.photo(request, self, reference, uuid)

    @path("usulan/<str:reference>/dukung/", name="support")
    def support_route(self, request, reference):
        from smartcity.musrenbang import views

        return views.support(request, self, reference)

    @path("konfirmasi/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from smartcity.musrenbang import views

        return views.confirm(request, self, token)

    @path("perbaiki/<str:token>/", name="fix")
    def fix_route(self, request, token):
        from smartcity.musrenbang import views

        return views.fix(request, self, token)

    @path("berhenti/<str:token>/", name="stop")
    def stop_route(self, request, token):
        from smartcity.musrenbang import views

        return views.stop(request, self, token)

    @path("mirip/", name="similar")
    def similar_route(self, request):
        from smartcity.musrenbang import views

        return views.similar(request, self)

    @path("pagu/", name="pagu")
    def pagu_route(self, request):
        from smartcity.musrenbang import views

        return views.pagu(request, self)

    @path("hasil/", name="results")
    def results_route(self, request):
        from smartcity.musrenbang import views

        return views.results(request, self)

    @path("hasil/unduh/<str:fmt>/", name="results_download")
    def results_download_route(self, request, fmt):
        from smartcity.musrenbang import views

        return views.results_download(request, self, fmt)

    @path("kamus/", name="catalogue")
    def catalogue_route(self, request):
        from smartcity.musrenbang import views

        return views.catalogue(request, self)

    @path("kamus/unduh/<str:fmt>/", name="catalogue_download")
    def catalogue_download_route(self, request, fmt):
        from smartcity.musrenbang import views

        return views.catalogue_download(request, self, fmt)
