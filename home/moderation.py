"""Moderation in the admin: approving a page from the workflow buttons says what happened.

Wagtail's workflow action view (the "Approve" button on the dashboard and the page header)
redirects without a word; approvals made from the page editor already show a message. This
wraps Wagtail's own view and adds the confirmation, so a moderator knows the page went live.
"""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState

_wagtail_workflow_action = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")


def workflow_action(request, page_id: int, action_name: str, task_state_id: int):
    """Wagtail's workflow action, then a confirmation message once an approval went through."""
    response = _wagtail_workflow_action(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method == "POST" and action_name == "approve":
        task_state = TaskState.objects.filter(pk=task_state_id).first()
        if task_state is not None and task_state.status == TaskState.STATUS_APPROVED:
            page = Page.objects.get(pk=page_id)
            if page.live and not page.has_unpublished_changes:
                text = _("“%(title)s” approved and published.")
            else:
                text = _("“%(title)s” approved: it goes on to the next step of the workflow.")
            messages.success(request, text % {"title": page.get_admin_display_title()})
    return response
