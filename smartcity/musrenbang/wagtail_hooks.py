"""e-musrenbang in the Wagtail admin: the "Musrenbang" menu, its permission rules and the
"close deliberation" action."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Proposal
from .viewsets import CloseDeliberationView, MusrenbangMenuGroup, ProposalPolicy

register_permission_policy(Proposal, ProposalPolicy(Proposal))


@hooks.register("register_admin_viewset")
def register_musrenbang_menu():
    return MusrenbangMenuGroup()


@hooks.register("register_admin_urls")
def register_close_deliberation():
    return [
        path(
            "musrenbang/close-deliberation/",
            CloseDeliberationView.as_view(),
            name="musrenbang_close_deliberation",
        )
    ]


@hooks.register("register_log_actions")
def register_musrenbang_actions(actions):
    from django.utils.translation import gettext_lazy as _
    from wagtail.log_actions import LogFormatter

    from .services import REOPEN_ACTION

    @actions.register_action(REOPEN_ACTION)
    class ReopenFormatter(LogFormatter):
        label = _("Reopen a cycle's rules")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Rules of the phase “%(phase)s” reopened: %(reason)s") % {
                "phase": data.get("phase", ""),
                "reason": data.get("reason", ""),
            }
