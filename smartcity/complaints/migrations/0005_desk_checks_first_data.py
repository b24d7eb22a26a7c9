"""Existing complaints under the desk-checks-first rule, and their log in the case log.

* ``verified_at``: when the desk first verified or assigned the complaint (from its history).
  Complaints never checked stay unpublished; those still "received" lose the default agency
  they got at submission, so the agency sees them only once the desk assigns them.
* Status-change log entries move from Wagtail's ModelLogEntry to ``core.CaseLogEntry``, whose
  reports show them only to staff who may see the case.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery

CHECKED_STATES = ("verified", "assigned")


def forwards(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    first_check = (
        ComplaintEvent.objects.filter(case=OuterRef("pk"), kind="status", to_status__in=CHECKED_STATES)
        .order_by("created_at", "pk")
        .values("created_at")[:1]
    )
    Complaint.objects.filter(verified_at__isnull=True).update(verified_at=Subquery(first_check))
    Complaint.objects.filter(status="received").update(agency=None)

    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    CaseLogEntry = apps.get_model("core", "CaseLogEntry")
    content_type = ContentType.objects.filter(app_label="complaints", model="complaint").first()
    if content_type is None:
        return
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    fields = [
        "content_type_id", "label", "action", "data", "timestamp", "uuid", "user_id",
        "revision_id", "content_changed", "deleted", "object_id",
    ]
    CaseLogEntry.objects.bulk_create(
        [CaseLogEntry(**{name: getattr(entry, name) for name in fields}) for entry in entries.iterator()],
        batch_size=500,
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_desk_checks_first"),
        ("core", "0006_case_log_and_acting_agency"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
