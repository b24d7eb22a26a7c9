"""Issued permits and their public verification code.

The verification code is 32 random bytes (``secrets.token_urlsafe``, 43 characters): it cannot
be guessed or enumerated, and lookups are rate-limited on top. The public verification page
shows only the holder's name, the type, number, dates and status.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartcity.core.working_days import local_date

from .application import PermitApplication
from .permit_type import PermitType


def new_verification_code() -> str:
    return secrets.token_urlsafe(32)


class PermitQuerySet(models.QuerySet):
    def valid(self, today: datetime.date | None = None):
        today = today or local_date(timezone.now())
        return self.filter(revoked_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


class Permit(models.Model):
    """A permit issued on an approved application."""

    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    application = models.OneToOneField(PermitApplication, on_delete=models.PROTECT, related_name="permit")
    permit_type = models.ForeignKey(
        PermitType, verbose_name=_("permit type"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("permit number"), max_length=40, unique=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    verification_code = models.CharField(
        max_length=64, unique=True, default=new_verification_code, editable=False
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PermitQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="permits_valid_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="permits_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def state(self, today: datetime.date | None = None) -> str:
        today = today or local_date(timezone.now())
        if self.revoked_at:
            return self.State.REVOKED
        if self.valid_until and self.valid_until < today:
            return self.State.EXPIRED
        return self.State.VALID

    def get_state_display(self) -> str:
        return str(dict(self.State.choices)[self.state()])

    @property
    def verification_path(self) -> str:
        from django.urls import reverse

        return reverse("permit_verify", args=[self.verification_code])
