"""e-masyarakat in the Wagtail admin: the "Complaints" menu, its permission rule, the dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from smartcity.core.access import visible_cases

from .models import Complaint
from .services import PUBLIC_WORDING_ACTION
from .viewsets import ComplaintPermissionPolicy, ComplaintsMenuGroup

# Registered first, before any admin code asks for (and caches) a default policy.
register_permission_policy(Complaint, ComplaintPermissionPolicy(Complaint))


@hooks.register("register_admin_viewset")
def register_complaints_menu():
    return ComplaintsMenuGroup()


class InboxSummaryPanel(Component):
    """Dashboard panel: open and overdue complaints the user may handle, linking to the inbox."""

    name = "complaints_inbox"
    order = 90
    template_name = "complaints/admin/inbox_summary_panel.html"

    class Media:
        css = {"all": ["complaints/admin/complaints_admin.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        visible = visible_cases(self.request.user, Complaint.objects.all())
        inbox = reverse("complaints_admin:index")
        return {
            "open_count": visible.open().count(),
            "overdue_count": visible.overdue().count(),
            "open_url": f"{inbox}?state=open",
            "overdue_url": f"{inbox}?overdue=yes&ordering=urgency",
            "heading": _("My complaint inbox"),
        }


@hooks.register("construct_homepage_panels")
def add_inbox_summary(request, panels):
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Complaint)
    if policy.user_has_any_permission(request.user, ["view", "change"]):
        panels.append(InboxSummaryPanel(request))


@hooks.register("register_log_actions")
def register_complaint_actions(actions):
    actions.register_action(PUBLIC_WORDING_ACTION, _("Edit public wording"), _("Public wording edited"))
