"""Preparing a budget version: each agency's ceiling (pagu) and its draft (RKA).

The finance agency sets each agency's ceiling in a version and opens the agency's drafting; the
agency's officers draft lines whose sum in the version's drafting phase never exceeds the
ceiling (checked with the ceiling row locked, ``services.save_draft_line``); the agency submits,
finance or planning (Bappeda) return it with notes or approve it. Every status change is a
history row (``AgencyBudgetEvent``) through the core workflow.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartcity.core.models import AbstractCaseEvent, Agency

from .budget import MONEY, BudgetVersion


class AgencyBudget(models.Model):
    """One agency's part of a budget version: its ceiling (pagu) and its RKA's status."""

    class Status(models.TextChoices):
        CLOSED = "closed", _("Drafting not open")
        DRAFTING = "drafting", _("Drafting")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned with notes")
        APPROVED = "approved", _("Approved")

    version = models.ForeignKey(
        BudgetVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="agency_budgets"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency (OPD)"), on_delete=models.PROTECT, related_name="+"
    )
    ceiling = models.DecimalField(_("ceiling (pagu, Rp)"), **MONEY)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CLOSED)

    class Meta:
        ordering = ["version", "agency__name"]
        verbose_name = _("agency ceiling and RKA")
        verbose_name_plural = _("agency ceilings and RKA")
        constraints = [
            models.UniqueConstraint(fields=["version", "agency"], name="budget_one_ceiling_per_agency"),
            models.CheckConstraint(condition=models.Q(ceiling__gte=0), name="budget_ceiling_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.version}"

    @property
    def is_editable(self) -> bool:
        """Lines may change while the agency drafts (or fixes what was returned)."""
        return self.status in (self.Status.DRAFTING, self.Status.RETURNED) and not self.version.is_locked


class AgencyBudgetEvent(AbstractCaseEvent):
    """One change of an agency's RKA status: who, when, from, to and the note."""

    case = models.ForeignKey(AgencyBudget, on_delete=models.CASCADE, related_name="events")

    class Meta(AbstractCaseEvent.Meta):
        verbose_name = _("RKA history entry")
        verbose_name_plural = _("RKA history")
