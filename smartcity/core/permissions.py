"""Wagtail permission policies shared by the services' staff screens."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from .access import can_see_case, visible_cases


class AgencyScopedPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the user's agencies (``smartcity.core.access``).

    Works for any model with an ``agency`` foreign key (cases, bookable services, entries of the
    PPID's public information list). ``disabled_actions`` are refused to everybody, e.g. "add"
    for records that only citizens create.
    """

    disabled_actions: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        return action not in self.disabled_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_see_case(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return visible_cases(user, self.model.objects.all())


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
