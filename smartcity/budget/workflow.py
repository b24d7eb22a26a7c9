"""An agency's RKA (draft budget) and who moves it, through the core workflow.

    closed ─open (finance)─▶ drafting ─submit (agency)─▶ submitted ─approve (finance/Bappeda)─▶ approved
       ▲                        │  ▲                        │
       └──close (finance)───────┘  └─────return (note)──── returned ◀┘
    approved ─reopen (finance, note)─▶ drafting

Every move is a history row (``AgencyBudgetEvent``) and a Wagtail log entry. A locked version
accepts no move.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from smartcity.core.workflow import Transition, Workflow

from .models import AgencyBudget
from .services import can_draft, is_finance, is_reviewer

S = AgencyBudget.Status


def _unlocked(rule):
    return lambda user, rka: not rka.version.is_locked and rule(user, rka)


RKA_WORKFLOW = Workflow(
    [
        Transition(
            "open",
            _("Open drafting"),
            sources=(S.CLOSED,),
            target=S.DRAFTING,
            allowed=_unlocked(lambda u, r: is_finance(u)),
        ),
        Transition(
            "submit",
            _("Submit for review"),
            sources=(S.DRAFTING, S.RETURNED),
            target=S.SUBMITTED,
            allowed=_unlocked(can_draft),
        ),
        Transition(
            "return",
            _("Return with notes"),
            sources=(S.SUBMITTED,),
            target=S.RETURNED,
            allowed=_unlocked(lambda u, r: is_reviewer(u)),
            note_required=True,
        ),
        Transition(
            "approve",
            _("Approve"),
            sources=(S.SUBMITTED,),
            target=S.APPROVED,
            allowed=_unlocked(lambda u, r: is_reviewer(u)),
        ),
        Transition(
            "close",
            _("Close drafting"),
            sources=(S.DRAFTING, S.RETURNED),
            target=S.CLOSED,
            allowed=_unlocked(lambda u, r: is_finance(u)),
        ),
        Transition(
            "reopen",
            _("Reopen for changes"),
            sources=(S.APPROVED,),
            target=S.DRAFTING,
            allowed=_unlocked(lambda u, r: is_finance(u)),
            note_required=True,
        ),
    ]
)
