"""Give the existing staff roles their e-appointment permissions.

Agency officers see and export their agency's bookings and keep their services' hours; case
supervisors may also add services. Which agency's data a person sees is decided by
``smartcity.core.access`` (StaffMember rows), not by these permissions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_PERMISSIONS = [
    ("appointments", "view_booking"),
    ("appointments", "export_booking"),
    ("appointments", "view_bookableservice"),
    ("appointments", "change_bookableservice"),
]
SUPERVISOR_PERMISSIONS = OFFICER_PERMISSIONS + [("appointments", "add_bookableservice")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in pairs]

    for name, pairs in (("Agency officers", OFFICER_PERMISSIONS), ("Case supervisors", SUPERVISOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(pairs))
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(*Permission.objects.filter(content_type__app_label="appointments"))


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0002_appointment_page"),
        ("complaints", "0002_categories_and_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
