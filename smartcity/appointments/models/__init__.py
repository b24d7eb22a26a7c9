"""e-appointment models: bookable services with their hours and closures, bookings, the waitlist, the page."""

from .booking import Booking, BookingEvent, BookingQuerySet
from .page import AppointmentPage
from .service import BookableService, OpeningHours, ServiceClosure, Weekday
from .waitlist import WaitlistEntry, WaitlistEvent

__all__ = [
    "AppointmentPage",
    "BookableService",
    "Booking",
    "BookingEvent",
    "BookingQuerySet",
    "OpeningHours",
    "ServiceClosure",
    "WaitlistEntry",
    "WaitlistEvent",
    "Weekday",
]
