"""Permit types (jenis izin) as licensing staff define them in the admin, without code.

A type says who may apply, its risk level (the national risk-based licensing, OSS RBA: low,
medium, high), the requirements checklist, the extra questions of its form (a StreamField of
field definitions), the fee (retribusi: a regional levy for a service) and how it is computed,
the service level in working days, how long a permit stays valid and the steps of the process.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from smartcity.core.models import Agency


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    COMPANY = "company", _("Company")
    BOTH = "both", _("Person or company")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")


class FeeMethod(models.TextChoices):
    FREE = "free", _("Free of charge")
    FLAT = "flat", _("Flat fee")
    PER_UNIT = "per_unit", _("Rate per unit")


class FileKinds(models.TextChoices):
    PDF = "pdf", _("PDF document")
    IMAGE = "image", _("Photo (JPG, PNG, WebP)")
    ANY = "any", _("PDF or photo")


FILE_KIND_TYPES = {
    FileKinds.PDF: ("application/pdf",),
    FileKinds.IMAGE: ("image/jpeg", "image/png", "image/webp"),
    FileKinds.ANY: ("application/pdf", "image/jpeg", "image/png", "image/webp"),
}


class ExtraFieldBlock(blocks.StructBlock):
    """One question of a type's application form, defined by staff (no code needed)."""

    name = blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,39}$",
        label=_("key"),
        help_text=_("Lower-case letters, digits and _; stored with the answer, e.g. luas_bangunan."),
        error_messages={"invalid": _("Use lower-case letters, digits and _ only, starting with a letter.")},
    )
    label = blocks.CharBlock(label=_("question"), max_length=150)
    kind = blocks.ChoiceBlock(
        label=_("kind of answer"),
        choices=[
            ("text", _("Short text")),
            ("long_text", _("Long text")),
            ("number", _("Number")),
            ("date", _("Date")),
            ("choice", _("One of a list")),
        ],
        default="text",
    )
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    help_text = blocks.CharBlock(label=_("guidance"), max_length=255, required=False)
    choices = blocks.TextBlock(label=_("choices (one per line)"), required=False)
    is_fee_basis = blocks.BooleanBlock(
        label=_("fee is computed from this number"),
        required=False,
        help_text=_("For a fee per unit: the answer (e.g. floor area in m²) times the rate."),
    )

    class Meta:
        icon = "form"
        label = _("question")

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] == "choice" and not (value.get("choices") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Give at least one choice."))}
            )
        if value.get("is_fee_basis") and value["kind"] != "number":
            raise blocks.StructBlockValidationError(
                block_errors={"is_fee_basis": ValidationError(_("Only a number can be a fee basis."))}
            )
        return value


class ExtraFieldsBlock(blocks.StreamBlock):
    field = ExtraFieldBlock()


class PermitTypeQuerySet(models.QuerySet):
    def open(self):
        """Types that take applications now."""
        return self.filter(is_active=True, agency__is_active=True)


class PermitType(index.Indexed, ClusterableModel):
    """A kind of permit the city issues, e.g. "Persetujuan Bangunan Gedung (PBG)"."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    code = models.CharField(
        _("code"), max_length=12, unique=True, help_text=_("Short code printed in permit numbers, e.g. PBG.")
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("issuing agency"), on_delete=models.PROTECT, related_name="permit_types"
    )
    summary = models.TextField(_("what it is for"), max_length=1000)
    legal_basis = models.TextField(_("legal basis"), max_length=2000, help_text=_("One regulation per line."))
    applicant_kind = models.CharField(
        _("who may apply"), max_length=10, choices=ApplicantKind.choices, default=ApplicantKind.BOTH
    )
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    eligibility_question = models.CharField(
        _("eligibility question"),
        max_length=255,
        help_text=_("A yes/no question of the eligibility check, e.g. “Will you build or alter a building?”"),
    )
    fee_method = models.CharField(_("fee (retribusi)"), max_length=10, choices=FeeMethod.choices)
    fee_amount = models.DecimalField(
        _("fee or rate (Rp)"), max_digits=14, decimal_places=0, default=Decimal(0)
    )
    fee_unit = models.CharField(_("unit of the rate"), max_length=40, blank=True, help_text=_("e.g. m²"))
    fee_notes = models.TextField(_("how the fee is computed"), max_length=1000, blank=True)
    service_level_days = models.PositiveSmallIntegerField(
        _("service level (working days)"),
        help_text=_("From a complete application to the issued permit; the clock stops while returned."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: valid without end date.")
    )
    steps = models.TextField(_("steps"), max_length=2000, help_text=_("One step per line."))
    extra_fields = StreamField(ExtraFieldsBlock(), verbose_name=_("extra questions"), blank=True)
    conditions = models.TextField(
        _("standard conditions"), max_length=2000, blank=True, help_text=_("Printed on the permit.")
    )
    is_active = models.BooleanField(_("taking applications"), default=True)

    objects = PermitTypeQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("slug"), FieldPanel("code")]),
                FieldPanel("agency"),
                FieldPanel("summary"),
                FieldPanel("legal_basis"),
            ],
            heading=_("Permit type"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applicant_kind"), FieldPanel("risk_level")]),
                FieldPanel("eligibility_question"),
            ],
            heading=_("Who may apply"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fee_method"), FieldPanel("fee_amount"), FieldPanel("fee_unit")]),
                FieldPanel("fee_notes"),
            ],
            heading=_("Fee (retribusi)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("service_level_days"), FieldPanel("validity_months")]),
                FieldPanel("steps"),
                FieldPanel("conditions"),
                FieldPanel("is_active"),
            ],
            heading=_("Process"),
        ),
        InlinePanel("requirements", heading=_("Requirements"), label=_("requirement")),
        FieldPanel("extra_fields"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("permit type")
        verbose_name_plural = _("permit types")
        constraints = [
            models.CheckConstraint(condition=Q(service_level_days__gte=1), name="permits_service_level_min"),
            models.CheckConstraint(condition=Q(fee_amount__gte=0), name="permits_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def steps_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def legal_basis_list(self) -> list[str]:
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

    def accepts(self, applicant_kind: str) -> bool:
        return self.applicant_kind in (ApplicantKind.BOTH, applicant_kind)

    def field_definitions(self) -> list[dict]:
        return [dict(child.value) for child in self.extra_fields]

    def compute_fee(self, answers: dict | None = None) -> Decimal:
        """The retribusi for an application with ``answers`` to the extra questions."""
        if self.fee_method == FeeMethod.FREE:
            return Decimal(0)
        if self.fee_method == FeeMethod.FLAT:
            return self.fee_amount
        basis = next((f["name"] for f in self.field_definitions() if f.get("is_fee_basis")), None)
        try:
            quantity = Decimal(str((answers or {}).get(basis) or 0))
        except ArithmeticError:
            quantity = Decimal(0)
        return (self.fee_amount * quantity).quantize(Decimal(1))


class PermitRequirement(Orderable):
    """One document of a type's checklist, e.g. "Gambar teknis bangunan (PDF)"."""

    permit_type = ParentalKey(PermitType, on_delete=models.CASCADE, related_name="requirements")
    label = models.CharField(_("document"), max_length=200)
    guidance = models.TextField(_("guidance"), max_length=1000, blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    file_kinds = models.CharField(
        _("accepted files"), max_length=10, choices=FileKinds.choices, default=FileKinds.ANY
    )
    reusable = models.BooleanField(
        _("may be reused from an earlier application"),
        default=False,
        help_text=_("e.g. an identity card; not a document made for this application."),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("guidance"),
        FieldRowPanel([FieldPanel("mandatory"), FieldPanel("file_kinds"), FieldPanel("reusable")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return self.label

    @property
    def mime_types(self) -> tuple[str, ...]:
        return FILE_KIND_TYPES[self.file_kinds]

    @property
    def accept_attribute(self) -> str:
        return ",".join(self.mime_types)
