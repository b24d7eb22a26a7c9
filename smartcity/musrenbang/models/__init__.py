"""e-musrenbang models: planning cycles, the catalogue of standard activities, proposals, page."""

from .catalogue import ActivityItem, Sector
from .cycle import (
    CycleReopening,
    KecamatanCeiling,
    KelurahanCeiling,
    Level,
    Phase,
    PlanningCycle,
    ScoringCriterion,
)
from .page import MusrenbangPage
from .proposal import Facilitator, Proposal, ProposalEvent, ProposalScore, WithheldPhoto

__all__ = [
    "ActivityItem",
    "CycleReopening",
    "Facilitator",
    "KecamatanCeiling",
    "KelurahanCeiling",
    "Level",
    "MusrenbangPage",
    "Phase",
    "PlanningCycle",
    "Proposal",
    "ProposalEvent",
    "ProposalScore",
    "ScoringCriterion",
    "Sector",
    "WithheldPhoto",
]
