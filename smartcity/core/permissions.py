"""Wagtail permission policies shared by the services' staff screens."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import can_see_case, visible_cases


class AgencyScopedPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the user's agencies (``smartcity.core.access``).

    Works for any model with an ``agency`` foreign key (cases, bookable services, entries of the
    PPID's public information list). ``disabled_actions`` are refused to everybody, e.g. "add"
    for records that only citizens create.

    A service whose records are scoped by another rule (a role, a region, the case a record
    belongs to) overrides ``can_see()`` and ``visible()``.
    """

    disabled_actions: frozenset[str] = frozenset()

    def can_see(self, user, instance) -> bool:
        """Whether ``user`` may see ``instance`` at all (before the model permission)."""
        return can_see_case(user, instance)

    def visible(self, user, queryset):
        """The rows of ``queryset`` that ``user`` may see."""
        return visible_cases(user, queryset)

    def user_has_permission(self, user, action):
        return action not in self.disabled_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.can_see(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.visible(user, self.model.objects.all())


class AgencyScopedObjectMixin:
    """For a Wagtail admin view of one object (edit, delete, inspect, history, usage, copy):
    refuse objects of agencies the user does not work for.

    Wagtail's generic views look the object up by primary key alone and check only the model
    permission, so without this an officer could open another agency's object by its URL.
    """

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not can_see_case(self.request.user, obj):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return obj


def _scoped(view_class):
    return type(view_class.__name__, (AgencyScopedObjectMixin, view_class), {})


class AgencyScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset for a model with an ``agency``: the list shows the user's agencies'
    objects only, and every screen of one object (edit, delete, inspect, history, usage, copy)
    refuses another agency's object, whatever its URL. Register ``AgencyScopedPolicy`` for the
    model too (``wagtail.permissions.register_permission_policy``)."""

    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    inspect_view_class = _scoped(snippet_views.InspectView)
    history_view_class = _scoped(snippet_views.HistoryView)
    usage_view_class = _scoped(snippet_views.UsageView)
    copy_view_class = _scoped(snippet_views.CopyView)

    def get_unscoped_queryset(self, request):
        """Override to add ``select_related`` and the like; the scoping is applied on top."""
        return self.model._default_manager.all()

    def get_queryset(self, request):
        return visible_cases(request.user, self.get_unscoped_queryset(request))
