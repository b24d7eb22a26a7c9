"""e-budgeting in the Wagtail admin: the "Budget (APBD)" menu and its log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AgencyBudget, BudgetLine
from .viewsets import AgencyScopedPolicy, BudgetMenuGroup

register_permission_policy(BudgetLine, AgencyScopedPolicy(BudgetLine))
register_permission_policy(AgencyBudget, AgencyScopedPolicy(AgencyBudget))


@hooks.register("register_admin_viewset")
def register_budget_menu():
    return BudgetMenuGroup()


@hooks.register("register_log_actions")
def register_budget_actions(actions):
    actions.register_action("smartcity.budget.lock", _("Lock"), _("Budget version locked"))
