"""Fiscal years, budget versions, their lines and the monthly realisation.

A fiscal year (*tahun anggaran*) has versions: drafts while agencies prepare, the enacted APBD
(original) and its mid-year revision, the APBD-P. The version published for a year is the latest
locked one (the revision once there is one). A line is one account of one agency, under one
sub-activity (expenditure) or none (revenue, financing), optionally located in a kecamatan or
kelurahan, with its amount in each phase:

* ``proposed``: what the agency asked for in its RKA;
* ``approved``: what the enacted APBD gives;
* ``adjusted``: what the APBD-P gives (empty until a revision);
* ``executed``: the realisation to date, the sum of the line's monthly ``Realisation`` rows,
  recomputed by the database (``BudgetLine.objects.refresh_executed``) whenever they change.

Amounts are whole rupiah in ``DecimalField``; every total is computed by the database.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import Agency, Kecamatan, Kelurahan

from .classification import Account, SubActivity

MONEY = {"max_digits": 18, "decimal_places": 0}
ZERO = Value(0, output_field=DecimalField(**MONEY))


def money_field(verbose_name, **kwargs) -> DecimalField:
    return models.DecimalField(verbose_name, validators=[MinValueValidator(0)], **MONEY, **kwargs)


class FiscalYearQuerySet(models.QuerySet):
    def published(self):
        return self.filter(versions__status="locked").distinct()


class FiscalYear(models.Model):
    """A fiscal year (tahun anggaran), 1 January to 31 December."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    explanation = models.TextField(
        _("plain-language explanation"),
        blank=True,
        help_text=_("Shown to residents above the year's figures (APBD untuk warga)."),
    )

    objects = FiscalYearQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")

    def __str__(self) -> str:
        return str(self.year)

    def published_version(self) -> BudgetVersion | None:
        """The version residents see: the latest locked one (the APBD-P over the APBD)."""
        return self.versions.filter(status=BudgetVersion.Status.LOCKED).order_by("-kind_order", "-pk").first()


class BudgetVersion(models.Model):
    """One version of a year's budget: a draft, the enacted APBD or its revision (APBD-P)."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ORIGINAL = "original", _("APBD (original)")
        REVISED = "revised", _("APBD-P (revised)")

    class Status(models.TextChoices):
        OPEN = "open", _("Being prepared")
        LOCKED = "locked", _("Locked")

    KIND_ORDER = {Kind.DRAFT: 0, Kind.ORIGINAL: 1, Kind.REVISED: 2}

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("fiscal year"), on_delete=models.PROTECT, related_name="versions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DRAFT)
    # Orders versions without a CASE in every query (draft < original < revised).
    kind_order = models.PositiveSmallIntegerField(editable=False, default=0)
    name = models.CharField(_("name"), max_length=120)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    legal_basis = models.CharField(
        _("legal basis"), max_length=200, blank=True, help_text=_("e.g. Perda Kota Binjai Nomor 5 Tahun 2026")
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        ordering = ["fiscal_year", "kind_order", "pk"]
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind"],
                condition=~Q(kind="draft"),
                name="budget_one_original_and_one_revision_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    def save(self, *args, **kwargs):
        self.kind_order = self.KIND_ORDER[self.kind]
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED

    @property
    def drafting_amount_field(self) -> str:
        """The phase agencies draft in this version: the RKA, or the revision's amounts."""
        return "adjusted" if self.kind == self.Kind.REVISED else "proposed"


class StandardPrice(models.Model):
    """A line of the standard price list (SSH, Standar Satuan Harga) of a fiscal year."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("fiscal year"), on_delete=models.PROTECT, related_name="standard_prices"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("item"), max_length=255)
    specification = models.CharField(_("specification"), max_length=255, blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    price = money_field(_("unit price (Rp)"))

    class Meta:
        ordering = ["fiscal_year", "code"]
        verbose_name = _("standard price (SSH)")
        verbose_name_plural = _("standard price list (SSH)")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "code"], name="budget_standard_price_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.unit})"


class BudgetLineQuerySet(models.QuerySet):
    def with_budget(self):
        """``budget``: the amount in force, the APBD-P's where revised, else the APBD's."""
        return self.annotate(budget=Coalesce("adjusted", "approved"))

    def totals(self) -> dict:
        """Sums of every phase over the lines (one query; zero for none)."""
        return unprefixed(self.aggregate(**phase_sums()))

    def refresh_executed(self) -> int:
        """Recompute ``executed`` from the realisation rows, in one UPDATE."""
        monthly = (
            Realisation.objects.filter(line=OuterRef("pk"))
            .order_by()
            .values("line")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return self.update(executed=Coalesce(Subquery(monthly), ZERO))


SUM_PREFIX = "sum_"


def phase_sums(prefix: str = "") -> dict:
    """Aggregates of every phase (optionally through a relation ``prefix``), zero when empty.

    Named ``sum_<phase>`` (a name may not shadow the line's fields); ``unprefixed`` renames.
    ``adjusted`` sums the amount in force: the APBD-P's where revised, else the APBD's.
    """
    return {
        "sum_proposed": Coalesce(Sum(f"{prefix}proposed"), ZERO),
        "sum_approved": Coalesce(Sum(f"{prefix}approved"), ZERO),
        "sum_adjusted": Coalesce(Sum(Coalesce(f"{prefix}adjusted", f"{prefix}approved")), ZERO),
        "sum_executed": Coalesce(Sum(f"{prefix}executed"), ZERO),
    }


def unprefixed(row: dict) -> dict:
    return {k.removeprefix(SUM_PREFIX): v for k, v in row.items()}


class BudgetLine(models.Model):
    """One account of one agency in a budget version, with its amount in each phase."""

    version = models.ForeignKey(
        BudgetVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="lines"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency (OPD)"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    sub_activity = models.ForeignKey(
        SubActivity,
        verbose_name=_("sub-activity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
        help_text=_("Empty for revenue and financing."),
    )
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.PROTECT, related_name="lines"
    )
    # Stored copies of the account's classification, so grouping never needs the join.
    category = models.CharField(
        _("category"), max_length=24, choices=Account.Category.choices, editable=False
    )
    expenditure_type = models.CharField(
        _("type of expenditure"),
        max_length=12,
        choices=Account.ExpenditureType.choices,
        blank=True,
        editable=False,
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    standard_price = models.ForeignKey(
        StandardPrice,
        verbose_name=_("standard price (SSH)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=2, null=True, blank=True)
    proposed = money_field(_("proposed (Rp)"), default=0)
    approved = money_field(_("approved (Rp)"), default=0)
    adjusted = money_field(_("adjusted (Rp)"), null=True, blank=True)
    executed = money_field(_("executed to date (Rp)"), default=0, editable=False)
    proposals = models.ManyToManyField(
        "musrenbang.Proposal",
        verbose_name=_("musrenbang proposals funded"),
        blank=True,
        related_name="budget_lines",
    )
    # The line's identity within its version (agency|sub-activity|account|kecamatan|kelurahan):
    # one line per account and place, enforced by the database (a duplicate in an import fails).
    key = models.CharField(max_length=120, editable=False)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["version", "agency", "sub_activity", "account"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="budget_line_unique_per_version"),
            models.CheckConstraint(
                condition=Q(category="expenditure", sub_activity__isnull=False) | ~Q(category="expenditure"),
                name="budget_line_expenditure_has_sub_activity",
            ),
        ]
        indexes = [
            models.Index(fields=["version", "agency", "sub_activity"]),
            models.Index(fields=["version", "category", "expenditure_type"]),
            models.Index(fields=["version", "kecamatan"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.account.code} {self.description}".strip()

    @staticmethod
    def make_key(agency_id, sub_activity_id, account_id, kecamatan_id, kelurahan_id) -> str:
        return "|".join(
            "" if v is None else str(v)
            for v in (agency_id, sub_activity_id, account_id, kecamatan_id, kelurahan_id)
        )

    def fill_derived(self) -> None:
        """Classification copies and the identity key (also called before ``bulk_create``)."""
        self.category = self.account.category
        self.expenditure_type = self.account.expenditure_type
        if self.kelurahan_id and not self.kecamatan_id:
            self.kecamatan_id = self.kelurahan.kecamatan_id
        self.key = self.make_key(
            self.agency_id, self.sub_activity_id, self.account_id, self.kecamatan_id, self.kelurahan_id
        )

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)


class Realisation(models.Model):
    """The amount executed on a line in one month (realisasi)."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("line"), on_delete=models.CASCADE, related_name="realisations"
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    amount = money_field(_("amount (Rp)"))

    class Meta:
        ordering = ["line", "month"]
        verbose_name = _("monthly realisation")
        verbose_name_plural = _("monthly realisation")
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="budget_realisation_one_per_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="budget_realisation_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.month}: {self.amount}"
