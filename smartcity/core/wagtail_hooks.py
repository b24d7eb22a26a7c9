from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import ReferenceDataGroup
from .workflow import LOG_ACTION

register_snippet(ReferenceDataGroup)


@hooks.register("register_log_actions")
def register_case_actions(actions):
    def message(data):
        return _("Status changed from “%(from)s” to “%(to)s”") % {
            "from": data.get("from", ""),
            "to": data.get("to", ""),
        }

    actions.register_action(LOG_ACTION, _("Change case status"), message)
