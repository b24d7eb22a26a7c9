"""e-sippadu in the Wagtail admin: the "Permits" menu and its permission rules."""

from wagtail import hooks

from .viewsets import PermitsMenuGroup


@hooks.register("register_admin_viewset")
def register_permits_menu():
    return PermitsMenuGroup()
