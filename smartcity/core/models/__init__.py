"""Shared models: reference data, case machinery, calendar and attachments."""

from .attachments import Attachment
from .calendar import CityHoliday
from .cases import AbstractCase, AbstractCaseEvent, ReferenceSequence
from .reference import Agency, Kecamatan, Kelurahan, StaffMember
from .submissions import UsedFormStamp

__all__ = [
    "AbstractCase",
    "AbstractCaseEvent",
    "Agency",
    "Attachment",
    "CityHoliday",
    "Kecamatan",
    "Kelurahan",
    "ReferenceSequence",
    "StaffMember",
    "UsedFormStamp",
]
