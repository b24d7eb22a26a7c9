"""e-masyarakat models: the complaint case, its history, categories, API clients, the page."""

from .cases import (
    REOPEN_WINDOW,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintQuerySet,
    Open311Client,
)
from .page import ComplaintPage

__all__ = [
    "REOPEN_WINDOW",
    "Complaint",
    "ComplaintCategory",
    "ComplaintEvent",
    "ComplaintPage",
    "ComplaintQuerySet",
    "Open311Client",
]
