"""The licensing roles as groups, with their admin permissions.

Which agency's applications a person sees is decided by ``smartcity.core.access`` (StaffMember
rows); what they may do to an application by ``smartcity.permits.workflow`` (the group names of
``smartcity.permits.roles``). The Inspectorate reads everything and changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_APPLICATIONS = [
    ("permits", "view_permitapplication"),
    ("permits", "export_permitapplication"),
    ("permits", "view_permit"),
    ("permits", "view_permittype"),
]
ROLES = {
    "Permit front office": VIEW_APPLICATIONS,
    "Permit technical reviewers": VIEW_APPLICATIONS,
    "Permit decision makers": VIEW_APPLICATIONS
    + [("permits", "change_permit"), ("permits", "change_permittype"), ("permits", "add_permittype")],
    "Inspectorate": VIEW_APPLICATIONS,
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name, pairs in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            admin_access,
            *[Permission.objects.get(content_type__app_label=a, codename=c) for a, c in pairs],
        )
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(*Permission.objects.filter(content_type__app_label="permits"))


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, remove)]
