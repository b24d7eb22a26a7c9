"""e-sippadu in the Wagtail admin: the "Permits" menu, its permission rules, the dashboard panel."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from .models import Permit, PermitApplication
from .viewsets import ApplicationPolicy, PermitPolicy, PermitsMenuGroup

# Registered first, before any admin code asks for (and caches) a default policy.
register_permission_policy(PermitApplication, ApplicationPolicy(PermitApplication))
register_permission_policy(Permit, PermitPolicy(Permit))


@hooks.register("register_admin_viewset")
def register_permits_menu():
    return PermitsMenuGroup()


class WorkloadPanel(Component):
    """Dashboard panel: per stage, the applications waiting and the overdue ones (highlighted),
    and the Inspectorate's latest overdue alerts."""

    name = "permits_workload"
    order = 95
    template_name = "permits/admin/workload_panel.html"

    class Media:
        css = {"all": ["permits/admin/permits_admin.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from django.urls import reverse

        from .views_staff import workload

        context = workload(self.request.user)
        context["heading"] = _("Permit applications")
        context["workload_url"] = reverse("permits_admin:workload")
        context["alerts"] = context["alerts"][:5]
        return context


@hooks.register("construct_homepage_panels")
def add_workload_panel(request, panels):
    if request.user.has_perm("permits.view_permitapplication"):
        panels.append(WorkloadPanel(request))
