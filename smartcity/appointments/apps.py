from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    """e-appointment (janji temu): booking meetings with officials and service counters."""

    name = "smartcity.appointments"
    label = "appointments"
    verbose_name = _("Appointments (janji temu)")
