"""Existing rows belong to the default language (Indonesian); English becomes a locale.

Run apart from the schema changes: PostgreSQL refuses to alter a table with pending deferred
foreign-key checks in the same transaction.
"""

import uuid

from django.conf import settings
from django.db import migrations

TRANSLATABLE = [
    "announcement",
    "footerlink",
    "keyfigure",
    "mainmenuitem",
    "navigationsettings",
    "newscategory",
    "servicetile",
    "sitesettings",
]


def fill(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
    if default is None:
        default = Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    for name in TRANSLATABLE:
        model = apps.get_model("home", name)
        for pk in model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(locale=default, translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("home", "0007_translatable_content_fields")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
