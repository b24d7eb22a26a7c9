"""The home page, general content pages and the index of online services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import BodyBlock
from home.figures import Metric
from home.figures import count as count_metric
from home.i18n import active_language, languages_in_preference, pick_localised
from home.news_cards import news_cards
from home.visibility import SkipViewRestrictionsMixin, only_public


class HomePage(SkipViewRestrictionsMixin, Page):
    """The portal's front page: hero, online-service tiles, news, announcements, key figures."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=60, blank=True)
    news_count = models.PositiveSmallIntegerField(
        _("number of news items"), default=6, help_text=_("Latest news shown on the home page.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_page"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        InlinePanel("service_tiles", heading=_("Online services"), label=_("service tile")),
        InlinePanel("key_figures", heading=_("Key figures"), label=_("key figure"), max_num=8),
        FieldPanel("news_count"),
    ]

    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    # One home page is created; its translations are copies (Wagtail does not count them here).
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .news import NewsIndexPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        news_index = NewsIndexPage.objects.child_of(self).live().first()
        latest = NewsPage.objects.for_listing().in_language(active_language())[: self.news_count]
        context["latest_news"] = news_cards(latest, request, index=news_index)
        context["news_index"] = news_index
        context["announcements"] = Announcement.objects.current_localised()
        context["tiles"] = self.service_tiles.select_related("link_page")
        context["figures"] = self.key_figures.all()
        return context


class ServiceTile(TranslatableMixin, Orderable):
    """A tile for one online service; without a page it is shown as "coming soon"."""

    ICONS = [
        ("complaint", _("Complaint")),
        ("calendar", _("Appointment")),
        ("permit", _("Permit")),
        ("planning", _("Planning")),
        ("budget", _("Budget")),
        ("info", _("Public information")),
        ("health", _("Health")),
        ("education", _("Education")),
        ("traffic", _("Traffic")),
        ("economy", _("Economy")),
    ]

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="service_tiles")
    title = models.CharField(_("title"), max_length=60)
    description = models.CharField(_("description"), max_length=160)
    icon = models.CharField(_("icon"), max_length=20, choices=ICONS, default="info")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("service page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty while the service is not online yet."),
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("icon"), FieldPanel("link_page")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.title


class KeyFigure(TranslatableMixin, Orderable):
    """A number about the city shown on the home page: counted from the portal's records
    (``metric``) or, for facts from outside (e.g. population from BPS), typed in (``value``)."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="key_figures")
    metric = models.CharField(
        _("counted from"),
        max_length=30,
        choices=Metric.choices,
        blank=True,
        help_text=_("The portal counts this figure itself. Leave empty to type a value from another source."),
    )
    value = models.CharField(_("value"), max_length=30, blank=True)
    label = models.CharField(_("label"), max_length=80)
    source = models.CharField(_("source"), max_length=120, blank=True)

    panels = [FieldPanel("metric"), FieldPanel("value"), FieldPanel("label"), FieldPanel("source")]

    def clean(self):
        super().clean()
        if not self.metric and not self.value:
            raise ValidationError({"value": _("Choose what the figure is counted from, or type its value.")})

    @property
    def display_value(self) -> str:
        """The counted number grouped as the visitor's language writes it, or the typed value."""
        if self.metric:
            return number_format(count_metric(self.metric), force_grouping=True)
        return self.value

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class AnnouncementQuerySet(models.QuerySet):
    def current(self):
        now = timezone.now()
        return (
            self.filter(starts_at__lte=now)
            .filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))
            .select_related("link_page", "locale")
            .order_by("-is_urgent", "-starts_at")
        )

    def current_localised(self) -> list:
        """Current announcements in the language shown; untranslated ones in the default language.

        One query: an urgent notice still reaches English readers before it is translated.
        """
        return pick_localised(self.current().filter(locale__language_code__in=languages_in_preference()))


class Announcement(TranslatableMixin, models.Model):
    """A short notice (pengumuman) shown on the home page between two moments."""

    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("text"), max_length=600, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_urgent = models.BooleanField(_("urgent"), default=False)
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(_("show until"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link_page"),
        FieldPanel("is_urgent"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-starts_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=models.F("starts_at")),
                name="home_announcement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class StandardPage(SkipViewRestrictionsMixin, Page):
    """A general content page (about the city, procedures, contact...) with a rich body."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section_pages"] = self.section_navigation()
        return context

    def section_navigation(self):
        """Children if the page has any, otherwise its siblings: the sidebar menu."""
        children = only_public(self.get_children().live().in_menu())
        if children.exists():
            return {"parent": self, "pages": children}
        parent = self.get_parent()
        return {"parent": parent, "pages": only_public(parent.get_children().live().in_menu())}


class ServiceIndexPage(SkipViewRestrictionsMixin, Page):
    """The index of the city's online services (/layanan/); each service page lives below it."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("online services index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services()
        return context

    def services(self) -> list[Page]:
        """The services to list: the pages below this one, then every other live service page
        of the language wherever editors put it (e-musrenbang, e-budgeting, PPID at the top)."""
        from smartcity.core.models.pages import ServicePage

        below = list(only_public(self.get_children().live()))
        elsewhere = (
            Page.objects.live()
            .type(*ServicePage.types())
            .filter(locale_id=self.locale_id)
            .exclude(path__startswith=self.path)
            .order_by("path")
        )
        return below + list(only_public(elsewhere))
