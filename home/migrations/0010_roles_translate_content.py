"""Editors, moderators and administrators may translate pages and snippets (wagtail-localize)."""

from django.db import migrations

GROUPS = ["Administrators", "Moderators", "Communications editors"]


def grant(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_translatable_content_constraints"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
