"""Trigram search for similar proposals (PostgreSQL only), the sectors, and the Musrenbang roles.

* ``pg_trgm`` and a trigram index on proposal titles, on PostgreSQL only: SQLite (development,
  quick tests) finds similar proposals by shared words instead (``similarity.py``).
* Sectors are reference data Bappeda may edit afterwards.
* Groups: "Bappeda planners" keep cycles and the catalogue and record the city forum's decisions;
  kelurahan and kecamatan facilitators see and act on their region's proposals (their region is a
  ``Facilitator`` row, kept by Bappeda).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECTORS = [
    ("infrastruktur", "Infrastruktur dan lingkungan", 1),
    ("ekonomi", "Ekonomi dan UMKM", 2),
    ("sosial-budaya", "Sosial dan budaya", 3),
    ("kesehatan", "Kesehatan", 4),
    ("pendidikan", "Pendidikan", 5),
    ("pemerintahan", "Pemerintahan dan ketertiban", 6),
]

FACILITATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("musrenbang", "view_proposal"),
    ("musrenbang", "add_proposal"),
    ("musrenbang", "view_planningcycle"),
    ("musrenbang", "view_activityitem"),
]
BAPPEDA_PERMISSIONS = FACILITATOR_PERMISSIONS + [
    ("musrenbang", "change_planningcycle"),
    ("musrenbang", "add_planningcycle"),
    ("musrenbang", "add_activityitem"),
    ("musrenbang", "change_activityitem"),
    ("musrenbang", "view_sector"),
    ("musrenbang", "add_sector"),
    ("musrenbang", "change_sector"),
    ("musrenbang", "view_facilitator"),
    ("musrenbang", "add_facilitator"),
    ("musrenbang", "change_facilitator"),
    ("musrenbang", "delete_facilitator"),
]
GROUPS = {
    "Bappeda planners": BAPPEDA_PERMISSIONS,
    "Musrenbang kelurahan facilitators": FACILITATOR_PERMISSIONS,
    "Musrenbang kecamatan facilitators": FACILITATOR_PERMISSIONS,
}


def trigram_on(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS musrenbang_proposal_title_trgm "
        "ON musrenbang_proposal USING gin (title gin_trgm_ops)"
    )


def trigram_off(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS musrenbang_proposal_title_trgm")


def load(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Sector = apps.get_model("musrenbang", "Sector")
    for slug, name, order in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[Permission.objects.get(content_type__app_label=a, codename=c) for a, c in pairs]
        )
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(*Permission.objects.filter(content_type__app_label="musrenbang"))


class Migration(migrations.Migration):
    dependencies = [
        ("musrenbang", "0001_initial"),
        ("complaints", "0002_categories_and_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(trigram_on, trigram_off),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
