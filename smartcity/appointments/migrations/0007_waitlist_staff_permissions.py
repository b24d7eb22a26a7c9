"""Let the staff roles that see bookings also see (and export) the waitlists.

Which agency's entries a person sees is decided by ``smartcity.core.access``; entries are never
edited in the admin (they change only through the waitlist workflow).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [("appointments", "view_waitlistentry")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in PERMISSIONS]
    for name in ("Agency officers", "Case supervisors", "Administrators"):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0006_waitlist_and_citizen_confirmation")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
