"""The abstract public page of an e-gov service.

Every service (e-masyarakat, e-appointment, e-sippadu, …) is one Wagtail page that editors place
in the page tree, with an introduction and an explanation they write, and routes
(``RoutablePageMixin``) that hand over to the service's thin views. There is one page per language,
translations of each other. A service subclasses ``ServicePage``, declares its routes and, where
it needs to, overrides the fields' help texts or ``parent_page_types``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock


class ServicePage(RoutablePageMixin, Page):
    """A service's public page: introduction, explanation, privacy notice link and routes."""

    search_result_label = _("Online service")  # what search results call this page

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
        abstract = True

    @staticmethod
    def types() -> list[type[Page]]:
        """Every service's page model (the concrete subclasses), e.g. for ``Page.objects.type()``."""
        from django.apps import apps

        return [model for model in apps.get_models() if issubclass(model, ServicePage)]

    @classmethod
    def current(cls):
        """The live page in the reader's language, else in the next preferred language.

        Links built outside a page (e-mails, the API) use it to take the reader's language when
        the service has a page in it.
        """
        from home.i18n import languages_in_preference

        languages = languages_in_preference()
        pages = cls.objects.live().filter(locale__language_code__in=languages).select_related("locale")
        by_language = {page.locale.language_code: page for page in pages}
        return next((by_language[code] for code in languages if code in by_language), None)

    def subpage_path(self, name: str, *args, **kwargs) -> str:
        """Root-relative path of one of the page's routes (prefix it with a base URL)."""
        _site_id, _root_url, page_path = self.get_url_parts()
        return page_path + self.reverse_subpage(name, args=args, kwargs=kwargs)

    def absolute_url(self, path: str) -> str:
        """``path`` on this page's site, for links in e-mails sent outside a request."""
        site = self.get_site()
        return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")) + path
