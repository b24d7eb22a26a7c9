"""e-appointment models: bookable services with their hours and closures, bookings, the page."""

from .booking import Booking, BookingEvent, BookingQuerySet
from .page import AppointmentPage
from .service import BookableService, OpeningHours, ServiceClosure, Weekday

__all__ = [
    "AppointmentPage",
    "BookableService",
    "Booking",
    "BookingEvent",
    "BookingQuerySet",
    "OpeningHours",
    "ServiceClosure",
    "Weekday",
]
