"""e-budgeting models: the budget classification, versions and lines, preparation, imports, page."""

from .budget import BudgetLine, BudgetVersion, FiscalYear, Realisation, StandardPrice
from .classification import Account, Activity, AffairField, GovernmentAffair, Program, SubActivity
from .imports import ImportRun
from .page import BudgetPage
from .preparation import AgencyBudget, AgencyBudgetEvent

__all__ = [
    "Account",
    "Activity",
    "AffairField",
    "AgencyBudget",
    "AgencyBudgetEvent",
    "BudgetLine",
    "BudgetPage",
    "BudgetVersion",
    "FiscalYear",
    "GovernmentAffair",
    "ImportRun",
    "Program",
    "Realisation",
    "StandardPrice",
    "SubActivity",
]
