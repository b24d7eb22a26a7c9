"""The national regional budget classification (Permendagri 90/2019), as reference data.

Programmes of work are classified by government affair (*urusan*, code ``1``) and its field
(*bidang*, ``1.01``), then *program* (``1.01.02``), *kegiatan* (activity, ``1.01.02.2.01``) and
*sub kegiatan* (sub-activity, ``1.01.02.2.01.0001``). Money is classified by account
(*rekening*): ``4`` revenue (pendapatan), ``5`` expenditure (belanja) whose second digit is its
type (``5.1`` operating, ``5.2`` capital, ``5.3`` unexpected, ``5.4`` transfer) and ``6``
financing (pembiayaan: ``6.1`` receipts, ``6.2`` expenditure). The codes and names are data
(loaded by seed or import), never code.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernmentAffair(models.Model):
    """An *urusan* (government affair), e.g. ``1`` mandatory basic services."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("government affair (urusan)")
        verbose_name_plural = _("government affairs (urusan)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AffairField(models.Model):
    """A *bidang urusan* (field of a government affair), e.g. ``1.01`` education."""

    affair = models.ForeignKey(
        GovernmentAffair, verbose_name=_("affair"), on_delete=models.PROTECT, related_name="fields"
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("field of affair (bidang)")
        verbose_name_plural = _("fields of affairs (bidang)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Program(models.Model):
    """A *program* within a field of affair."""

    field = models.ForeignKey(
        AffairField, verbose_name=_("field"), on_delete=models.PROTECT, related_name="programs"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Activity(models.Model):
    """A *kegiatan* (activity) of a programme."""

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="activities"
    )
    code = models.CharField(_("code"), max_length=24, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("activity (kegiatan)")
        verbose_name_plural = _("activities (kegiatan)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SubActivity(models.Model):
    """A *sub kegiatan*: the unit an agency's expenditure lines are budgeted under."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="sub_activities"
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sub-activity (sub kegiatan)")
        verbose_name_plural = _("sub-activities (sub kegiatan)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Account(models.Model):
    """A *rekening* (account): what money is received or spent as.

    ``category`` and ``expenditure_type`` follow from the code (``classify``) and are stored so
    that the database can group by them.
    """

    class Category(models.TextChoices):
        REVENUE = "revenue", _("Revenue")
        EXPENDITURE = "expenditure", _("Expenditure")
        FINANCING_RECEIPT = "financing_receipt", _("Financing receipts")
        FINANCING_EXPENDITURE = "financing_expenditure", _("Financing expenditure")

    class ExpenditureType(models.TextChoices):
        OPERATING = "operating", _("Operating expenditure")
        CAPITAL = "capital", _("Capital expenditure")
        UNEXPECTED = "unexpected", _("Unexpected expenditure")
        TRANSFER = "transfer", _("Transfer expenditure")

    # Leading code segments → classification (Permendagri 90/2019).
    CATEGORY_OF_PREFIX = {
        "4": Category.REVENUE,
        "5": Category.EXPENDITURE,
        "6.1": Category.FINANCING_RECEIPT,
        "6.2": Category.FINANCING_EXPENDITURE,
    }
    TYPE_OF_PREFIX = {
        "5.1": ExpenditureType.OPERATING,
        "5.2": ExpenditureType.CAPITAL,
        "5.3": ExpenditureType.UNEXPECTED,
        "5.4": ExpenditureType.TRANSFER,
    }

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices, db_index=True)
    expenditure_type = models.CharField(
        _("type of expenditure"), max_length=12, choices=ExpenditureType.choices, blank=True, db_index=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("account (rekening)")
        verbose_name_plural = _("accounts (rekening)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    category="expenditure",
                    expenditure_type__in=["operating", "capital", "unexpected", "transfer"],
                )
                | (~models.Q(category="expenditure") & models.Q(expenditure_type="")),
                name="budget_account_type_only_for_expenditure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @classmethod
    def classify(cls, code: str) -> tuple[str, str] | None:
        """``(category, expenditure_type)`` of an account code, or None for a code outside 4/5/6."""
        parts = code.split(".")
        category = cls.CATEGORY_OF_PREFIX.get(parts[0]) or cls.CATEGORY_OF_PREFIX.get(".".join(parts[:2]))
        if category is None:
            return None
        expenditure_type = cls.TYPE_OF_PREFIX.get(".".join(parts[:2]), "")
        if category == cls.Category.EXPENDITURE and not expenditure_type:
            return None
        return category, expenditure_type

    def save(self, *args, **kwargs):
        classified = self.classify(self.code)
        if classified:
            self.category, self.expenditure_type = classified
        super().save(*args, **kwargs)
