"""The city's reference data that every e-gov service builds on.

* ``Agency``: an OPD (Organisasi Perangkat Daerah), a city agency such as Diskominfo or Bappeda.
* ``StaffMember``: a person working for an agency, optionally linked to an admin user account.
* ``Kecamatan`` / ``Kelurahan``: Binjai's districts and urban villages (administrative regions).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Agency(index.Indexed, ClusterableModel):
    """An OPD (Organisasi Perangkat Daerah): a city agency that owns services and cases."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", _("Secretariat")
        DINAS = "dinas", _("Service office (Dinas)")
        BADAN = "badan", _("Agency (Badan)")
        INSPECTORATE = "inspektorat", _("Inspectorate")
        KECAMATAN = "kecamatan", _("District office")
        OTHER = "lainnya", _("Other unit")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=40, unique=True, help_text=_("Acronym, e.g. Diskominfo")
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DINAS)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    email = models.EmailField(_("office e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    head_title = models.CharField(
        _("head's title"), max_length=120, blank=True, help_text=_("e.g. Kepala Dinas")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = AgencyQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug"), FieldPanel("kind")],
            heading=_("Identity"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("head_title"),
        FieldPanel("is_active"),
        InlinePanel("staff_members", heading=_("Staff members"), label=_("staff member")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("is_active"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")

    def __str__(self) -> str:
        return self.short_name or self.name


class StaffMember(Orderable):
    """A person working for an agency; linking a user account lets them act for the agency."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of agency")
        SUPERVISOR = "supervisor", _("Supervisor")
        OFFICER = "officer", _("Officer")

    agency = ParentalKey(Agency, on_delete=models.CASCADE, related_name="staff_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agency_memberships",
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("role"),
        FieldPanel("user"),
        FieldPanel("is_active"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "user"],
                condition=models.Q(user__isnull=False),
                name="core_staff_one_membership_per_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class Kecamatan(models.Model):
    """A district of Binjai, identified by its Kemendagri region code (e.g. 12.75.01)."""

    code = models.CharField(_("region code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district (kecamatan)")
        verbose_name_plural = _("districts (kecamatan)")

    def __str__(self) -> str:
        return self.name


class Kelurahan(models.Model):
    """An urban village (kelurahan) within a kecamatan.

    ``latitude``/``longitude`` are an approximate centre, used to write the kelurahan's name on
    maps that have no basemap, so people can orient themselves; staff may correct them.
    """

    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("district"), on_delete=models.PROTECT, related_name="kelurahan"
    )
    code = models.CharField(_("region code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.DecimalField(
        _("latitude of the centre"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Approximate centre, where the name is written on the maps (e.g. 3.600312)."),
    )
    longitude = models.DecimalField(
        _("longitude of the centre"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        ordering = ["kecamatan__name", "name"]
        verbose_name = _("urban village (kelurahan)")
        verbose_name_plural = _("urban villages (kelurahan)")
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "name"], name="core_kelurahan_unique_name"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="core_kelurahan_centre_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.kecamatan.name}"
