"""Site-wide settings and navigation that communications staff edit (Settings menu).

Wagtail's own settings (``BaseSiteSetting``) hold one row per site and cannot be translated
(wagtail/wagtail#11508). These are translatable models instead, one row per site and locale,
edited as snippets under the Settings menu (``home.viewsets``) and translated like any snippet.
``for_site`` gives the default language's row (created on first use, as Wagtail's settings
are); ``for_request`` gives the row of the language being shown, falling back to the default.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, Site, TranslatableMixin

from home.i18n import active_language, default_language


class LocalisedSiteSetting(TranslatableMixin, models.Model):
    """Settings of one site in one language; the default language's row always exists."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, editable=False, related_name="+")

    class Meta(TranslatableMixin.Meta):
        abstract = True
        unique_together = [("translation_key", "locale"), ("site", "locale")]

    @classmethod
    def for_site(cls, site: Site, language: str | None = None):
        """The row in ``language`` (default: the default language), else the default one.

        The default language's row is created on first use, as Wagtail's settings are. One query
        when it exists: the locale is matched by its code in a join.
        """
        languages = list(dict.fromkeys([language or default_language(), default_language()]))
        rows = {
            row.locale.language_code: row
            for row in cls.objects.filter(site=site, locale__language_code__in=languages).select_related(
                "locale"
            )
        }
        for code in languages:
            if code in rows:
                return rows[code]
        # Parallel first requests may race to create it: the loser reads the winner's row.
        row, _created = cls.objects.get_or_create(site=site, locale=Locale.get_default())
        return row

    @classmethod
    def for_request(cls, request):
        """The row for the request's site in the language being shown."""
        site = Site.find_for_request(request)
        return cls.for_site(site, active_language()) if site is not None else None

    def __str__(self) -> str:
        return f"{self.site} · {self.locale}"


class SiteSettings(LocalisedSiteSetting):
    """Identity and contact details of the city government shown in the header and footer."""

    city_name = models.CharField(_("city name"), max_length=100, default="Pemerintah Kota Binjai")
    tagline = models.CharField(_("tagline"), max_length=160, blank=True, default="Binjai Smart City")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=160, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("city_name"), FieldPanel("tagline"), FieldPanel("logo")], _("Identity")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("office_hours")],
            _("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            _("Social media"),
        ),
    ]

    class Meta(LocalisedSiteSetting.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in candidates if url]


class NavigationSettings(LocalisedSiteSetting, ClusterableModel):
    """The main menu and the footer links, edited as ordered lists."""

    panels = [
        InlinePanel("menu_items", heading=_("Main menu"), label=_("menu item")),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("footer link")),
    ]

    class Meta(LocalisedSiteSetting.Meta):
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")


class LinkFields(models.Model):
    """A label pointing at a page of the site or at an external address."""

    label = models.CharField(_("label"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("external link"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def url(self) -> str:
        if self.link_page_id:
            return self.link_page.url
        return self.link_url

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Choose either a page or an external link."))


class MainMenuItem(TranslatableMixin, Orderable, LinkFields):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="menu_items")

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class FooterLink(TranslatableMixin, Orderable, LinkFields):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
