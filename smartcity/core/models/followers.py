"""Followers of a case: people other than the reporter who asked to hear about it.

"I have this problem too": a neighbour leaves a contact, confirms it, and then receives the same
public status updates as the reporter. The follower is keyed to any case model through its
content type, so every service (complaints now; permits, appointments... later) shares one table
and one set of rules (``smartcity.core.followers``).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseFollower(models.Model):
    """One contact following one case; counted publicly only once the contact is confirmed.

    The contact is personal data: it is used only to send the updates and never shown.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("content_type", "object_id")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    # Normalised (e-mail in lower case): one row per contact and case.
    contact = models.CharField(_("contact"), max_length=254)
    language = models.CharField(_("language"), max_length=5, default="id")
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # A phone is confirmed with a short code sent by SMS: only its digest is kept, it expires,
    # and each code allows a few attempts (see ``smartcity.core.followers``).
    code_digest = models.CharField(_("confirmation code digest"), max_length=64, blank=True)
    code_sent_at = models.DateTimeField(_("code sent at"), null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(_("wrong code attempts"), default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case follower")
        verbose_name_plural = _("case followers")
        indexes = [
            models.Index(
                fields=["content_type", "object_id"],
                condition=Q(confirmed_at__isnull=False),
                name="core_follower_confirmed_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "contact"], name="core_follower_one_per_contact"
            )
        ]

    def __str__(self) -> str:
        # Never the contact itself: this string ends up in logs and admin history.
        return f"{self.get_channel_display()} follower of {self.content_type.model} {self.object_id}"
