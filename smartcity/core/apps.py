from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Reference data and machinery shared by every e-gov service."""

    name = "smartcity.core"
    label = "core"
    verbose_name = _("City reference data")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import CityHoliday
        from .working_days import forget_city_holidays

        post_save.connect(forget_city_holidays, sender=CityHoliday, dispatch_uid="core-city-holidays-save")
        post_delete.connect(
            forget_city_holidays, sender=CityHoliday, dispatch_uid="core-city-holidays-delete"
        )
