"""One-time form stamps that have been sent (see ``smartcity.core.antispam``)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UsedFormStamp(models.Model):
    """A public form's one-time stamp that has been sent, and what its sending created.

    Only a digest of the stamp's random part is kept. The unique digest makes a second sending
    of the same form wait for the first one and then get its result (the same complaint)
    instead of creating another. Rows are removed once the stamp would have expired anyway.
    """

    digest = models.CharField(_("digest"), max_length=64, unique=True)
    form = models.CharField(_("form"), max_length=60)
    used_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    result_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")

    class Meta:
        verbose_name = _("sent form stamp")
        verbose_name_plural = _("sent form stamps")

    def __str__(self) -> str:
        return f"{self.form} {self.used_at:%Y-%m-%d %H:%M}"
