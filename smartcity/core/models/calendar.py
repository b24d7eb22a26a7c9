"""City-specific days off, on top of Indonesia's national holidays (the ``holidays`` package)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CityHoliday(models.Model):
    """A day the city's offices are closed that is not a national holiday (e.g. cuti bersama)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("city day off")
        verbose_name_plural = _("city days off")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
