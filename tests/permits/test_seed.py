"""The e-sippadu demo data: a year of applications in every state, through the real services."""

import pytest
from django.core import mail
from django.db.models import F

from home.demo.builder import SeedReport
from smartcity.permits.demo import seed_catalogue
from smartcity.permits.demo_applications import seed_applications
from smartcity.permits.models import Permit, PermitApplication, PermitApplicationEvent, SatisfactionSurvey

pytestmark = pytest.mark.django_db
S = PermitApplication.Status


class Seeder:
    password = "kata-sandi-demo"

    def __init__(self):
        self.report = SeedReport()


def test_a_year_of_applications_in_every_state_and_idempotent(django_capture_on_commit_callbacks):
    seed_catalogue()
    seeder = Seeder()
    with django_capture_on_commit_callbacks(execute=True):
        seed_applications(seeder)
    assert not mail.outbox  # nothing is sent to the made-up applicants
    created = seeder.report.created["permit applications"]
    assert created == PermitApplication.objects.count() > 100
    statuses = set(PermitApplication.objects.values_list("status", flat=True))
    assert statuses >= {s for s in S.values if s != S.APPROVED}  # approved is issued at once
    states = {permit.state() for permit in Permit.objects.all()}
    assert states == {Permit.State.VALID, Permit.State.EXPIRED, Permit.State.REVOKED}
    assert SatisfactionSurvey.objects.exists()
    # Overdue applications were alerted to the Inspectorate.
    assert PermitApplication.objects.overdue().exists()
    assert PermitApplicationEvent.objects.filter(kind="overdue").count() == (
        PermitApplication.objects.overdue().count()
    )
    # The history is dated at the time of each step, a year back.
    first = PermitApplication.objects.exclude(submitted_at=None).order_by("submitted_at").first()
    submit_event = first.events.get(kind="status", to_status=S.SUBMITTED)
    assert submit_event.created_at == first.submitted_at
    # The separation of duties held in the demo too.
    assert not PermitApplication.objects.exclude(verified_by=None).filter(decided_by=F("verified_by"))
    again = Seeder()
    seed_applications(again)
    assert again.report.created["permit applications"] == 0
    assert PermitApplication.objects.count() == created
