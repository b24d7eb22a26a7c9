"""The waitlist of a full day: joining, offers in order, holds respected by booking, accepting,
declining, expiry passing the place on, and every way a place frees up triggering an offer."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from smartcity.appointments import services, waitlist
from smartcity.appointments.models import Booking, WaitlistEntry
from smartcity.core import sms
from smartcity.core.workflow import CITIZEN, SYSTEM
from tests.appointments.factories import NOW, TUESDAY, BookableServiceFactory, at, person

pytestmark = pytest.mark.django_db
sending_mail = TestCase.captureOnCommitCallbacks
NINE = at(TUESDAY, 9)
MINUTES = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def service():
    """One appointment a day (09:00–09:30, one person), places held 120 minutes."""
    return BookableServiceFactory(capacity_per_slot=1, hours=[(9, 0, 9, 30)])


def book(service, n, start=NINE, **kwargs):
    with sending_mail(execute=True):
        return services.book(service=service, start=start, data=person(n), now=NOW, **kwargs).booking


def join(service, n, day=TUESDAY, **overrides):
    data = person(n, **overrides)
    with sending_mail(execute=True):
        return waitlist.join(service=service, day=day, data=data, now=NOW).entry


def status(entry):
    entry.refresh_from_db()
    return entry.status


def test_the_waitlist_opens_only_on_a_full_service_day(service):
    with pytest.raises(ValidationError) as error:
        join(service, 1)
    assert "still free times" in str(error.value.message_dict["day"])
    saturday = TUESDAY + datetime.timedelta(days=4)
    with pytest.raises(ValidationError) as error:
        join(service, 1, day=saturday)
    assert "no appointments" in str(error.value.message_dict["day"])

    book(service, 0)
    assert waitlist.day_is_full(service, TUESDAY, now=NOW)
    entry = join(service, 1, phone="081234567890")
    assert entry.reference.startswith("DT-2027-") and entry.status == WaitlistEntry.Status.WAITING
    assert entry.position() == 1 and entry.agency_id == service.agency_id
    assert entry.events.get().to_status == "waiting"
    assert mail.outbox[-1].to == ["warga1@example.com"] and entry.reference in mail.outbox[-1].body
    assert sms.outbox and entry.reference in sms.outbox[-1].body

    with pytest.raises(ValidationError) as error:
        join(service, 1)
    assert "already on the waitlist" in str(error.value)
    with pytest.raises(ValidationError):  # the same phone under another address
        join(service, 2, phone="081234567890")


def test_a_cancelled_place_is_offered_to_the_first_in_line_and_held_from_everyone_else(service):
    taken = book(service, 0)
    first, second = join(service, 1), join(service, 2)
    assert second.position() == 2

    with sending_mail(execute=True):
        services.cancel(taken, CITIZEN, now=NOW)

    first.refresh_from_db()
    assert first.status == WaitlistEntry.Status.OFFERED
    assert first.offered_start == NINE and first.hold_until == NOW + 120 * MINUTES
    assert status(second) == WaitlistEntry.Status.WAITING
    offer = [m for m in mail.outbox if m.to == ["warga1@example.com"]][-1]
    assert "02-02-2027 09:00 WIB" in offer.body and "01-02-2027 10:00 WIB" in offer.body  # place, hold
    # The held place counts as taken for every way in.
    assert [s.available for s in services.availability(service, TUESDAY, TUESDAY, now=NOW)] == [0]
    with pytest.raises(services.SlotTaken):
        book(service, 3)
    other = book(service, 4, start=at(TUESDAY + datetime.timedelta(days=1), 9))
    with pytest.raises(services.SlotTaken):
        services.move(other, NINE, CITIZEN, now=NOW)
    # History: who (the site), when, from, to.
    event = first.events.get(to_status="offered")
    assert event.from_status == "waiting" and event.actor is None and not event.by_citizen


def test_accepting_books_the_held_place_once(service):
    taken = book(service, 0)
    entry = join(service, 1)
    services.cancel(taken, CITIZEN, now=NOW)
    entry.refresh_from_db()

    with sending_mail(execute=True):
        result = waitlist.accept(entry, now=NOW + 10 * MINUTES)

    booking = result.booking
    assert booking.starts_at == NINE and booking.status == Booking.Status.CONFIRMED
    assert booking.email == "warga1@example.com" and booking.purpose == entry.purpose
    assert booking.matches_token(result.token)
    assert status(entry) == WaitlistEntry.Status.ACCEPTED and entry.booking == booking
    assert entry.events.filter(to_status="accepted", by_citizen=True).exists()
    assert booking.reference in mail.outbox[-1].body
    with pytest.raises(ValidationError, match="no longer open"):
        waitlist.accept(entry, now=NOW + 11 * MINUTES)
    assert Booking.objects.holding().filter(starts_at=NINE).count() == 1


def test_an_offer_cannot_be_accepted_after_its_hold(service):
    taken = book(service, 0)
    entry = join(service, 1)
    services.cancel(taken, CITIZEN, now=NOW)
    entry.refresh_from_db()
    with pytest.raises(ValidationError, match="has passed"):
        waitlist.accept(entry, now=NOW + 121 * MINUTES)
    assert not Booking.objects.holding().exists()


def test_an_expired_hold_passes_to_the_next_person_and_a_declined_one_at_once(service):
    taken = book(service, 0)
    first, second, third = join(service, 1), join(service, 2), join(service, 3)
    services.cancel(taken, CITIZEN, now=NOW)

    assert waitlist.expire_holds(now=NOW + 60 * MINUTES) == 0  # still held
    assert status(first) == WaitlistEntry.Status.OFFERED
    later = NOW + 121 * MINUTES
    with sending_mail(execute=True):
        assert waitlist.expire_holds(now=later) == 1
    assert status(first) == WaitlistEntry.Status.LAPSED
    assert first.events.filter(from_status="offered", to_status="lapsed").exists()
    assert any(m.to == ["warga1@example.com"] and "tidak diterima tepat waktu" in m.body for m in mail.outbox)
    second.refresh_from_db()
    assert second.status == WaitlistEntry.Status.OFFERED and second.hold_until == later + 120 * MINUTES

    waitlist.decline(second, now=later + MINUTES)
    assert status(second) == WaitlistEntry.Status.DECLINED
    assert status(third) == WaitlistEntry.Status.OFFERED


def test_the_hold_ends_when_booking_closes_before_the_appointment(service):
    service.waitlist_hold_minutes = 3000
    service.save()
    taken = book(service, 0)
    entry = join(service, 1)
    services.cancel(taken, CITIZEN, now=NOW)
    entry.refresh_from_db()
    assert entry.hold_until == NINE - datetime.timedelta(hours=service.hours_before)


def test_every_way_a_place_frees_up_offers_it(service, superuser):
    day2, day3, day4 = (TUESDAY + datetime.timedelta(days=n) for n in (1, 2, 6))  # not the holiday Friday
    # A move away.
    moved = book(service, 0)
    mover = join(service, 1)
    services.move(moved, at(day2, 9), CITIZEN, now=NOW)
    assert status(mover) == WaitlistEntry.Status.OFFERED
    # A decline by staff and an approval nobody gave in time.
    service.requires_approval = True
    service.save()
    pending = book(service, 2, start=at(day3, 9))
    declined_for = join(service, 3, day=day3)
    services.decline(pending, superuser, "Penuh.", now=NOW)
    assert status(declined_for) == WaitlistEntry.Status.OFFERED
    unapproved = book(service, 4, start=at(day4, 9))
    expired_for = join(service, 5, day=day4)
    assert services.expire_unapproved(now=unapproved.approval_due + MINUTES) == 1
    assert status(expired_for) == WaitlistEntry.Status.OFFERED
    assert status(moved) == Booking.Status.CONFIRMED


def test_a_held_place_counts_against_the_daily_quota():
    service = BookableServiceFactory(capacity_per_slot=2, daily_quota=1, hours=[(9, 0, 10, 0)])
    taken = book(service, 0)
    entry = join(service, 1)
    services.cancel(taken, CITIZEN, now=NOW)
    assert status(entry) == WaitlistEntry.Status.OFFERED
    with pytest.raises(services.SlotTaken) as error:
        book(service, 2, start=at(TUESDAY, 9, 30))
    assert error.value.day_full


def test_leaving_and_closing_past_days(service):
    book(service, 0)
    leaving, staying = join(service, 1), join(service, 2)
    waitlist.leave(leaving)
    assert status(leaving) == WaitlistEntry.Status.LEFT
    assert staying.position() == 1
    with pytest.raises(ValidationError):
        waitlist.leave(leaving)  # only once
    waitlist.expire_holds(now=NOW + datetime.timedelta(days=2))
    assert status(staying) == WaitlistEntry.Status.CLOSED
    assert staying.events.filter(to_status="closed", actor=None).exists()


def test_the_periodic_job_offers_places_freed_outside_the_services(service):
    """A place freed by a change the services did not see (staff raised the capacity)."""
    book(service, 0)
    entry = join(service, 1)
    service.capacity_per_slot = 2
    service.save()
    waitlist.expire_holds(now=NOW)
    assert status(entry) == WaitlistEntry.Status.OFFERED


def test_the_site_alone_offers_and_the_citizen_alone_accepts(service):
    from smartcity.appointments.workflow import WAITLIST_WORKFLOW

    book(service, 0)
    entry = join(service, 1)
    assert WAITLIST_WORKFLOW.can(entry, SYSTEM, "offer")
    assert not WAITLIST_WORKFLOW.can(entry, CITIZEN, "offer")
    assert WAITLIST_WORKFLOW.can(entry, CITIZEN, "leave")
