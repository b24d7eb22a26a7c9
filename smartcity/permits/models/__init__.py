"""e-sippadu models: permit types and their requirements, applications, permits, the page."""

from .application import (
    ApplicantKind,
    PermitApplication,
    PermitApplicationEvent,
    RequirementUpload,
    SatisfactionSurvey,
)
from .page import PermitPage
from .permit import Permit
from .permit_type import FeeMethod, FileKinds, PermitRequirement, PermitType, RiskLevel

__all__ = [
    "ApplicantKind",
    "FeeMethod",
    "FileKinds",
    "Permit",
    "PermitApplication",
    "PermitApplicationEvent",
    "PermitPage",
    "PermitRequirement",
    "PermitType",
    "RequirementUpload",
    "RiskLevel",
    "SatisfactionSurvey",
]
