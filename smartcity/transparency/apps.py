from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    """PPID: public information under UU 14/2008 (Keterbukaan Informasi Publik).

    PPID (Pejabat Pengelola Informasi dan Dokumentasi) is each agency's information officer: they
    keep the agency's public information list and answer information requests within the law's
    deadlines; their superior (atasan PPID) answers objections (keberatan).
    """

    name = "smartcity.transparency"
    label = "transparency"
    verbose_name = _("Public information (PPID)")
