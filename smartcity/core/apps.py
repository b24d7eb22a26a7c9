from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Reference data and machinery shared by every e-gov service."""

    name = "smartcity.core"
    label = "core"
    verbose_name = _("City reference data")
