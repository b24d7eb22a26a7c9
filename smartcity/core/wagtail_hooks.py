from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from .models import AbstractCase, CaseLogEntry
from .viewsets import ReferenceDataGroup
from .workflow import LOG_ACTION

register_snippet(ReferenceDataGroup)


@hooks.register("register_log_actions")
def register_case_actions(actions):
    @actions.register_action(LOG_ACTION)
    class CaseTransitionFormatter(LogFormatter):
        """A case's status change in its history, with the statuses' labels."""

        label = _("Change case status")

        def format_message(self, log_entry):
            # A callable passed as ``message`` would be shown as is, so format here instead.
            data = log_entry.data or {}
            labels = _status_labels(log_entry)
            return _("Status changed from “%(from)s” to “%(to)s”") % {
                "from": labels.get(data.get("from"), data.get("from", "")),
                "to": labels.get(data.get("to"), data.get("to", "")),
            }


def _status_labels(log_entry) -> dict:
    model = log_entry.content_type.model_class() if log_entry.content_type_id else None
    try:
        return dict(model._meta.get_field("status").flatchoices)
    except (AttributeError, LookupError):
        return {}


@hooks.register("register_log_actions")
def register_case_log(actions):
    # Every service's cases log to CaseLogEntry, whose reports show an entry only to those who
    # may see the case (Wagtail picks the log model by the instance's class hierarchy).
    actions.register_model(AbstractCase, CaseLogEntry)
