from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    """e-budgeting: preparing the city budget (APBD) and disclosing it to residents.

    The APBD (Anggaran Pendapatan dan Belanja Daerah) is the city's annual budget, enacted by the
    city council; the APBD-P (Perubahan) is its mid-year revision. Each agency (OPD) drafts its
    part (RKA, Rencana Kerja dan Anggaran) within a ceiling (pagu) set by the finance agency.
    """

    name = "smartcity.budget"
    label = "budget"
    verbose_name = _("City budget (APBD)")
