"""Shared models: reference data, case machinery, calendar and attachments."""

from .attachments import Attachment
from .calendar import CityHoliday
from .case_log import CaseLogEntry
from .cases import AbstractCase, AbstractCaseEvent, CaseEventQuerySet, ReferenceSequence
from .followers import CaseFollower
from .periodic import PeriodicJobState
from .reference import Agency, Kecamatan, Kelurahan, StaffMember
from .submissions import UsedFormStamp

__all__ = [
    "AbstractCase",
    "AbstractCaseEvent",
    "Agency",
    "Attachment",
    "CaseEventQuerySet",
    "CaseFollower",
    "CaseLogEntry",
    "CityHoliday",
    "Kecamatan",
    "Kelurahan",
    "PeriodicJobState",
    "ReferenceSequence",
    "StaffMember",
    "UsedFormStamp",
]
