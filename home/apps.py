from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Public content: home page, standard pages, news, site settings and navigation."""

    name = "home"
    verbose_name = _("Website content")

    def ready(self) -> None:
        from cms.cache import connect_invalidation_signals

        connect_invalidation_signals()
