from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """e-masyarakat: citizens' complaints and aspirations, with an Open311 GeoReport v2 API."""

    name = "smartcity.complaints"
    label = "complaints"
    verbose_name = _("Complaints (e-masyarakat)")
