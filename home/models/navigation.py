"""Site-wide settings and navigation that communications staff edit (Settings menu)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
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

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X", self.x_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in candidates if url]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting, ClusterableModel):
    """The main menu and the footer links, edited as ordered lists."""

    panels = [
        InlinePanel("menu_items", heading=_("Main menu"), label=_("menu item")),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("footer link")),
    ]

    class Meta:
        verbose_name = _("navigation")


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


class MainMenuItem(Orderable, LinkFields):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="menu_items")


class FooterLink(Orderable, LinkFields):
    navigation = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="footer_links")
