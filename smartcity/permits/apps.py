from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    """e-sippadu: permit applications at the one-stop licensing agency (DPMPTSP)."""

    name = "smartcity.permits"
    label = "permits"
    verbose_name = _("Permits (e-sippadu)")
