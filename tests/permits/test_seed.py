"""The e-sippadu demo data: a year of applications in every state, through the real services."""

import datetime

import pytest
from django.core import mail
from django.db.models import F

from home.demo.builder import SeedReport
from smartcity.core.notifications import muted
from smartcity.permits.demo import seed_catalogue
from smartcity.permits.demo_applications import (
    RECENT_STOPS,
    ApplicationGenerator,
    seed_applications,
    seed_staff,
)
from smartcity.permits.models import (
    Permit,
    PermitApplication,
    PermitApplicationEvent,
    PermitType,
    SatisfactionSurvey,
)

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


@pytest.mark.parametrize("seed", range(6))
def test_a_recent_application_stops_at_its_planned_step_whatever_the_draws(seed):
    """Each random stream takes other turns (returned or not, late or not); the planned stop
    is reached all the same, so the demo shows every state on any day it is seeded."""
    seed_catalogue()
    generator = ApplicationGenerator(seed_staff(Seeder()), seed=seed)
    permit_type = PermitType.objects.filter(is_active=True).order_by("pk").first()
    with muted():
        for stop in filter(None, RECENT_STOPS):
            generator.play(permit_type, generator.now - datetime.timedelta(days=5), stop)
            assert PermitApplication.objects.latest("pk").status == stop
