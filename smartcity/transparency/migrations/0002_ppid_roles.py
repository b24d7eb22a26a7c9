"""The PPID roles: information officers and their superiors (atasan PPID).

* "PPID officers" keep their agency's public information list (and upload its documents) and
  handle its information requests.
* "PPID superiors" answer objections to their agency's requests.

Which agency a person acts for comes from their ``StaffMember`` rows (``smartcity.core.access``).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "PPID officers"
SUPERIORS = "PPID superiors"
OFFICER_PERMISSIONS = [
    ("transparency", "add_publicinformation"),
    ("transparency", "change_publicinformation"),
    ("transparency", "delete_publicinformation"),
    ("transparency", "view_publicinformation"),
    ("transparency", "view_informationrequest"),
    ("transparency", "change_informationrequest"),
    ("transparency", "export_informationrequest"),
    ("transparency", "view_objection"),
    ("wagtailadmin", "access_admin"),
]
SUPERIOR_PERMISSIONS = [
    ("transparency", "view_informationrequest"),
    ("transparency", "view_objection"),
    ("transparency", "change_objection"),
    ("wagtailadmin", "access_admin"),
]
DOCUMENT_PERMISSIONS = ["add_document", "choose_document", "change_document"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in pairs]

    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(*permissions(OFFICER_PERMISSIONS))
    superiors, _ = Group.objects.get_or_create(name=SUPERIORS)
    superiors.permissions.add(*permissions(SUPERIOR_PERMISSIONS))
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=officers,
                collection=root,
                permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
            )
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(*Permission.objects.filter(content_type__app_label="transparency"))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[OFFICERS, SUPERIORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0001_initial"),
        ("appointments", "0003_staff_roles"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
