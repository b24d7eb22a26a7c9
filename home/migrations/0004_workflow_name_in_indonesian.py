"""The moderation workflow and its task are called "Persetujuan moderator" (staff read Indonesian).

Renames only what still carries the name that 0002 gave it, so a name an administrator chose
is kept.
"""

from django.db import migrations

OLD_NAME = "Moderators approval"
NEW_NAME = "Persetujuan moderator"


def rename(apps, schema_editor, old=OLD_NAME, new=NEW_NAME):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW_NAME, new=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_news_listing_index"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
