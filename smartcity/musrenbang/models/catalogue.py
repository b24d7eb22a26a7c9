"""The catalogue of standard activities (kamus usulan) that proposals pick from.

Bappeda keeps it: each activity has a sector, the agency (OPD) responsible for it, a unit and a
unit cost in rupiah, and the levels at which it may be proposed. A proposal's estimated cost is
its volume × the unit cost.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from smartcity.core.models import Agency

from .cycle import Level


class Sector(models.Model):
    """A development sector (infrastructure, economy, social...), for filters and results."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class ActivityItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_level(self, level: str):
        return self.filter(**{f"allowed_{level}": True})


class ActivityItem(index.Indexed, models.Model):
    """One standard activity of the catalogue, e.g. "Rabat beton jalan lingkungan" per m²."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("activity"), max_length=200)
    description = models.CharField(_("description"), max_length=255, blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="items"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="musrenbang_items",
    )
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. m², unit, paket, orang"))
    unit_cost = models.DecimalField(
        _("unit cost (Rp)"), max_digits=15, decimal_places=0, validators=[MinValueValidator(Decimal("1"))]
    )
    allowed_kelurahan = models.BooleanField(_("may be proposed at kelurahan level"), default=True)
    allowed_kecamatan = models.BooleanField(_("may be proposed at kecamatan level"), default=True)
    allowed_city = models.BooleanField(_("may be proposed at city level"), default=True)
    is_active = models.BooleanField(_("in the catalogue"), default=True)

    objects = ActivityItemQuerySet.as_manager()

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sector"),
        FieldPanel("agency"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_cost")]),
        MultiFieldPanel(
            [FieldPanel("allowed_kelurahan"), FieldPanel("allowed_kecamatan"), FieldPanel("allowed_city")],
            heading=_("Who may propose it"),
        ),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["sector__sort_order", "code"]
        verbose_name = _("standard activity")
        verbose_name_plural = _("catalogue of standard activities (kamus usulan)")
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_cost__gt=0), name="musrenbang_item_cost_positive"),
            models.CheckConstraint(
                condition=models.Q(allowed_kelurahan=True)
                | models.Q(allowed_kecamatan=True)
                | models.Q(allowed_city=True),
                name="musrenbang_item_some_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.unit})"

    def allows(self, level: str) -> bool:
        return bool(getattr(self, f"allowed_{level}", False))

    @property
    def levels(self) -> list[str]:
        return [label for value, label in Level.choices if self.allows(value)]
