"""The public information list (Daftar Informasi Publik, DIP) of each agency.

Each entry is one document or page an agency publishes, classified as UU 14/2008 does:

* ``berkala``: provided periodically (art. 9), e.g. the budget, annual report;
* ``serta_merta``: announced immediately (art. 10), e.g. a disaster warning;
* ``setiap_saat``: available at any time on request (art. 11), e.g. decisions, contracts;
* ``dikecualikan``: exempt (art. 17). The entry is listed with its legal ground and the
  consequence test (uji konsekuensi) that justified the exemption, never with its content:
  it links no page, and its document, if the officer keeps one, is never served
  (``smartcity.transparency.wagtail_hooks`` refuses it on Wagtail's document URL).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from smartcity.core.models import Agency

from .law import ExemptionGround


class PublicInformationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, agency__is_active=True)

    def exempt(self):
        return self.filter(classification=PublicInformation.Classification.EXEMPT)


class PublicInformation(models.Model):
    """One entry of an agency's public information list (see the module docstring)."""

    class Classification(models.TextChoices):
        PERIODIC = "berkala", _("Provided periodically (berkala)")
        IMMEDIATE = "serta_merta", _("Announced immediately (serta-merta)")
        ANY_TIME = "setiap_saat", _("Available at any time (setiap saat)")
        EXEMPT = "dikecualikan", _("Exempt (dikecualikan)")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="public_information"
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices, db_index=True
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The published file. For exempt information it is kept but never served."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Or a page of the portal holding the information (never for exempt information)."),
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    retention_period = models.CharField(_("retention period"), max_length=100, blank=True)
    exemption_ground = models.CharField(
        _("exemption ground"), max_length=3, choices=ExemptionGround.choices, blank=True
    )
    consequence_test = models.TextField(
        _("consequence test"),
        max_length=4000,
        blank=True,
        help_text=_("Why disclosing it would cause the harm the ground protects against (art. 19)."),
    )
    exemption_period = models.CharField(
        _("exempt until"), max_length=100, blank=True, help_text=_("e.g. 5 years, or until the trial ends.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublicInformationQuerySet.as_manager()

    panels = [
        FieldPanel("agency"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("classification"), FieldPanel("year")]),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("page")], heading=_("Where to find it")),
        FieldRowPanel([FieldPanel("responsible_unit"), FieldPanel("retention_period")]),
        MultiFieldPanel(
            [FieldPanel("exemption_ground"), FieldPanel("consequence_test"), FieldPanel("exemption_period")],
            heading=_("Exemption (only for exempt information)"),
        ),
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["agency__name", "-year", "title"]
        verbose_name = _("public information entry")
        verbose_name_plural = _("public information list")
        indexes = [models.Index(fields=["is_published", "year"], name="transparency_dip_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(classification="dikecualikan")
                | (~Q(exemption_ground="") & ~Q(consequence_test="")),
                name="transparency_exempt_has_ground_and_test",
            ),
            models.CheckConstraint(
                condition=Q(classification="dikecualikan") | Q(exemption_ground=""),
                name="transparency_ground_only_when_exempt",
            ),
            models.CheckConstraint(
                condition=~Q(classification="dikecualikan") | Q(page__isnull=True),
                name="transparency_exempt_links_no_page",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945, year__lte=2100), name="transparency_dip_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.agency}, {self.year})"

    @property
    def is_exempt(self) -> bool:
        return self.classification == self.Classification.EXEMPT

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.is_exempt:
            if not self.exemption_ground:
                errors["exemption_ground"] = _("Exempt information needs its legal ground.")
            if not (self.consequence_test or "").strip():
                errors["consequence_test"] = _("Exempt information needs the consequence test.")
            if self.page_id:
                errors["page"] = _("Exempt information is listed without its content: remove the page.")
        elif self.exemption_ground:
            errors["exemption_ground"] = _("Only exempt information has an exemption ground.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def public_url(self) -> str:
        """Where a reader finds the information; "" for exempt entries (never their content)."""
        if self.is_exempt:
            return ""
        if self.document_id:
            return self.document.url
        if self.page_id:
            return self.page.url or ""
        return ""
