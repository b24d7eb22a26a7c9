from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MusrenbangConfig(AppConfig):
    """e-musrenbang: residents' development proposals, from the neighbourhood to the city plan.

    Musrenbang (Musyawarah Perencanaan Pembangunan) is the yearly planning deliberation held at
    kelurahan, kecamatan and city level; what the city forum accepts goes into an agency's part of
    the next year's work plan (RKPD).
    """

    name = "smartcity.musrenbang"
    label = "musrenbang"
    verbose_name = _("Development planning (Musrenbang)")
