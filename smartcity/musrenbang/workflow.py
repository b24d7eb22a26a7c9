"""A proposal's states and who may move it between them, in which phase.

    unconfirmed ─confirm (proposer's link)─▶ submitted ─verify─▶ verified ─forward─▶ at_kecamatan
                                 │  ▲            │                 │                   │
                  return ────────┘  └─resubmit─ returned            hold ▶ kel_held      │
                  reject ▶ rejected                                                   │
    at_kecamatan ─forward_city─▶ at_city ─accept─▶ accepted (agency's plan line)
         └─hold ▶ kec_held          ├─defer─▶ deferred
                                    └─decline─▶ declined

"resubmit" is done by the kelurahan facilitator or by the proposer through the private link sent
with the return (``PROPOSER_ACTIONS``).

Each action belongs to a level (kelurahan, kecamatan, city) and to the phases in which it is
accepted (``ACTION_PHASES``): staff act only at their own level (``access.can_act``) and only
while the phase is open; ``services.act`` says which phase is closed when one is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from smartcity.core.workflow import Transition, Workflow

from .access import can_act
from .models import Level, Phase, Proposal

S = Proposal.Status

# action -> (level that acts, phases in which it is accepted)
ACTION_RULES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "confirm": (None, (Phase.INTAKE,)),
    "verify": (Level.KELURAHAN, (Phase.INTAKE, Phase.KELURAHAN)),
    "return": (Level.KELURAHAN, (Phase.INTAKE, Phase.KELURAHAN)),
    "resubmit": (Level.KELURAHAN, (Phase.INTAKE, Phase.KELURAHAN)),
    "reject": (Level.KELURAHAN, (Phase.INTAKE, Phase.KELURAHAN)),
    "forward_kecamatan": (Level.KELURAHAN, (Phase.KELURAHAN,)),
    "hold_kelurahan": (Level.KELURAHAN, (Phase.KELURAHAN,)),
    "forward_city": (Level.KECAMATAN, (Phase.KECAMATAN,)),
    "hold_kecamatan": (Level.KECAMATAN, (Phase.KECAMATAN,)),
    "accept": (Level.CITY, (Phase.CITY,)),
    "defer": (Level.CITY, (Phase.CITY,)),
    "decline": (Level.CITY, (Phase.CITY,)),
}


def phase_open_for(proposal, action: str) -> bool:
    _level, phases = ACTION_RULES[action]
    return any(proposal.cycle.is_open(phase) for phase in phases)


# Actions the proposer may also take themselves (through their private link, ``services``).
PROPOSER_ACTIONS = {"resubmit"}


def _rule(action: str):
    level, _phases = ACTION_RULES[action]

    def allowed(user, proposal) -> bool:
        if getattr(user, "is_citizen", False):
            return (level is None or action in PROPOSER_ACTIONS) and phase_open_for(proposal, action)
        if level is None:
            return False
        return can_act(user, proposal, level) and phase_open_for(proposal, action)

    return allowed


def _on_accept(proposal, options) -> None:
    from django.core.exceptions import ValidationError

    agency = (
        options.get("agency")
        or proposal.expected_agency
        or (proposal.item.agency if proposal.item_id else None)
    )
    volume = options.get("agreed_volume")
    cost = options.get("agreed_cost")
    errors = {}
    if agency is None:
        errors["agency"] = _("Choose the agency whose plan takes the proposal.")
    if cost is None or cost <= 0:
        errors["agreed_cost"] = _("Give the agreed cost.")
    if proposal.item_id and (volume is None or volume <= 0):
        errors["agreed_volume"] = _("Give the agreed volume.")
    if errors:
        raise ValidationError(errors)
    proposal.agency = agency
    proposal.agreed_volume = volume
    proposal.agreed_cost = cost


def _on_decision(proposal, options) -> None:
    proposal.decision_note = (options.get("note") or "").strip()


PROPOSAL_WORKFLOW = Workflow(
    [
        Transition("confirm", _("Confirm"), (S.UNCONFIRMED,), S.SUBMITTED, _rule("confirm")),
        Transition("verify", _("Verify"), (S.SUBMITTED,), S.VERIFIED, _rule("verify")),
        Transition(
            "return",
            _("Return for fixes"),
            (S.SUBMITTED,),
            S.RETURNED,
            _rule("return"),
            note_required=True,
            public_note=True,
        ),
        Transition("resubmit", _("Fixed: submit again"), (S.RETURNED,), S.SUBMITTED, _rule("resubmit")),
        Transition(
            "reject",
            _("Reject"),
            (S.SUBMITTED, S.RETURNED),
            S.REJECTED,
            _rule("reject"),
            note_required=True,
            public_note=True,
            effect=_on_decision,
        ),
        Transition(
            "forward_kecamatan",
            _("Forward to the kecamatan"),
            (S.VERIFIED,),
            S.AT_KECAMATAN,
            _rule("forward_kecamatan"),
        ),
        Transition(
            "hold_kelurahan",
            _("Do not forward"),
            (S.VERIFIED,),
            S.KELURAHAN_HELD,
            _rule("hold_kelurahan"),
            public_note=True,
        ),
        Transition(
            "forward_city",
            _("Forward to the city forum"),
            (S.AT_KECAMATAN,),
            S.AT_CITY,
            _rule("forward_city"),
        ),
        Transition(
            "hold_kecamatan",
            _("Do not forward"),
            (S.AT_KECAMATAN,),
            S.KECAMATAN_HELD,
            _rule("hold_kecamatan"),
            public_note=True,
        ),
        Transition(
            "accept",
            _("Accept into an agency's plan"),
            (S.AT_CITY,),
            S.ACCEPTED,
            _rule("accept"),
            public_note=True,
            effect=_on_accept,
        ),
        Transition(
            "defer",
            _("Defer"),
            (S.AT_CITY,),
            S.DEFERRED,
            _rule("defer"),
            note_required=True,
            public_note=True,
            effect=_on_decision,
        ),
        Transition(
            "decline",
            _("Reject"),
            (S.AT_CITY,),
            S.DECLINED,
            _rule("decline"),
            note_required=True,
            public_note=True,
            effect=_on_decision,
        ),
    ]
)
