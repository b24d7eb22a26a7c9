"""The record of each periodic job's runs (see ``smartcity.core.periodic``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJobState(models.Model):
    """One row per registered periodic job: when it last ran, how it ended, and who runs it now.

    The row is the job's lock: a runner claims a due job by locking the row
    (``select_for_update(skip_locked=True)``) and setting ``last_started_at`` and
    ``running_until`` in one short transaction, so several machines running
    ``run_periodic_jobs`` at once start each due job once.
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started at"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished at"), null=True, blank=True)
    # Set while a runner has the job; a runner that died leaves it to expire.
    running_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=255, blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)
    failures = models.PositiveIntegerField(_("failures"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name
