"""e-appointment in the Wagtail admin: the "Appointments" menu and its permission rules."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import BookableService, Booking, WaitlistEntry
from .viewsets import AgencyScopedPolicy, AppointmentsMenuGroup, BookingPolicy

# Registered first, before any admin code asks for (and caches) a default policy.
register_permission_policy(BookableService, AgencyScopedPolicy(BookableService))
register_permission_policy(Booking, BookingPolicy(Booking))
register_permission_policy(WaitlistEntry, BookingPolicy(WaitlistEntry))


@hooks.register("register_admin_viewset")
def register_appointments_menu():
    return AppointmentsMenuGroup()
