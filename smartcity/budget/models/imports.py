"""A record of each import (budget version or monthly realisation) and its validation report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .budget import BudgetVersion


class ImportRun(models.Model):
    """One upload: what, by whom, how far it got and every problem found (all or nothing)."""

    class Kind(models.TextChoices):
        LINES = "lines", _("Budget lines")
        REALISATION = "realisation", _("Monthly realisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Checking and importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Rejected: nothing was imported")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    version = models.ForeignKey(
        BudgetVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="imports"
    )
    filename = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    # [{"row": 5, "column": "disetujui", "message": "..."}]
    problems = models.JSONField(_("problems"), default=list, blank=True)
    imported = models.PositiveIntegerField(_("rows imported"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("budget import")
        verbose_name_plural = _("budget imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.is_finished else 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
