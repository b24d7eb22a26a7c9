"""Shared models: reference data, case machinery, calendar and attachments."""

from .attachments import Attachment
from .calendar import CityHoliday
from .cases import AbstractCase, AbstractCaseEvent, ReferenceSequence
from .followers import CaseFollower
from .reference import Agency, Kecamatan, Kelurahan, StaffMember

__all__ = [
    "AbstractCase",
    "AbstractCaseEvent",
    "Agency",
    "Attachment",
    "CaseFollower",
    "CityHoliday",
    "Kecamatan",
    "Kelurahan",
    "ReferenceSequence",
    "StaffMember",
]
