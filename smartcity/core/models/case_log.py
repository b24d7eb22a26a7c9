"""The audit log of citizen cases, kept apart from Wagtail's general model log.

Wagtail's reports (site history, its CSV/XLSX export) show a log entry to anyone holding any
permission on the logged model. For a case that is too wide: an agency officer may view
complaints, but only those of their own agency. Cases therefore log to ``CaseLogEntry``
(registered for every ``AbstractCase`` in ``smartcity.core.wagtail_hooks``), whose
``viewable_by_user`` applies each case model's own rule, ``AbstractCase.visible_to`` (the agency
rule of ``smartcity.core.access`` unless a service declares another, as e-musrenbang does).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry, BaseLogEntryManager


def case_models() -> list[type[models.Model]]:
    """Every concrete case model of every installed service."""
    from .cases import AbstractCase

    return [model for model in apps.get_models() if issubclass(model, AbstractCase)]


class CaseLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Entries of the cases ``user`` may see: each case model's ``visible_to`` (by default
        the agency rule of ``smartcity.core.access``), as one query whatever the number of
        entries."""
        if user.is_superuser:
            return self.all()
        allowed = models.Q(pk__in=[])
        for model in case_models():
            opts = model._meta
            if not any(
                user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change")
            ):
                continue
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            visible = model.visible_to(user)
            if not visible.query.has_filters():
                # Every case of this kind: no list of ids to compare with.
                allowed |= models.Q(content_type=content_type)
                continue
            # object_id is text (as in Wagtail's ModelLogEntry): compare with the ids as text.
            visible_ids = visible.annotate(logged_id=Cast("pk", models.CharField())).values("logged_id")
            allowed |= models.Q(content_type=content_type, object_id__in=visible_ids)
        return self.filter(allowed)


class CaseLogEntry(BaseLogEntry):
    """An audit log entry (status change...) of one case, visible to those who may see the case."""

    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = CaseLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("case log entry")
        verbose_name_plural = _("case log entries")

    def __str__(self) -> str:
        return f"CaseLogEntry {self.pk}: {self.action} on {self.object_verbose_name} {self.object_id}"
