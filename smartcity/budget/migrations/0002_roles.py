"""The e-budgeting roles.

* "Budget finance officers" (the finance agency, BPKPD): keep years, versions, the classification
  and the price list, set ceilings, open and close drafting, import, review and lock versions.
* "Bappeda planners" (already created by e-musrenbang) also review agencies' drafts.
* "Budget agency officers": draft their own agency's lines (their agency is their core
  ``StaffMember`` row) within its ceiling and submit them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = [
    ("wagtailadmin", "access_admin"),
    ("budget", "view_fiscalyear"),
    ("budget", "view_budgetversion"),
    ("budget", "view_budgetline"),
    ("budget", "view_agencybudget"),
    ("budget", "view_standardprice"),
    ("budget", "view_subactivity"),
    ("budget", "view_account"),
]
AGENCY = VIEW + [
    ("budget", "add_budgetline"),
    ("budget", "change_budgetline"),
    ("budget", "delete_budgetline"),
]
FINANCE = AGENCY + [
    (app, f"{action}_{model}")
    for app, model in [
        ("budget", "fiscalyear"),
        ("budget", "budgetversion"),
        ("budget", "agencybudget"),
        ("budget", "standardprice"),
        ("budget", "governmentaffair"),
        ("budget", "affairfield"),
        ("budget", "program"),
        ("budget", "activity"),
        ("budget", "subactivity"),
        ("budget", "account"),
        ("budget", "importrun"),
    ]
    for action in ("view", "add", "change")
]
GROUPS = {
    "Budget finance officers": FINANCE,
    "Bappeda planners": VIEW,
    "Budget agency officers": AGENCY,
}


def load(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, pairs in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[Permission.objects.get(content_type__app_label=a, codename=c) for a, c in sorted(set(pairs))]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0001_initial"),
        ("musrenbang", "0002_trigram_sectors_and_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
