"""A waitlist offer never hands one place to two people: real parallel connections on PostgreSQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from smartcity.appointments import services, waitlist
from smartcity.appointments.models import Booking, WaitlistEntry
from smartcity.core.workflow import CITIZEN
from tests.appointments.factories import NOW, TUESDAY, BookableServiceFactory, at, person
from tests.appointments.test_concurrency import run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NINE = at(TUESDAY, 9)
CITIZENS = 12


def holders_of_the_place(now) -> int:
    """Bookings holding the 09:00 place plus offers holding it: never more than its one seat."""
    bookings = Booking.objects.holding().filter(starts_at=NINE).count()
    return bookings + WaitlistEntry.objects.holding(now).filter(offered_start=NINE).count()


def outcome_of(work):
    def run(n):
        try:
            return work(n)
        except ValidationError as error:
            return error

    return run


@pytest.fixture
def full_day():
    """One place a day, taken; two people waiting for it."""
    service = BookableServiceFactory(capacity_per_slot=1, hours=[(9, 0, 9, 30)])
    taken = services.book(service=service, start=NINE, data=person(0), now=NOW).booking
    first = waitlist.join(service=service, day=TUESDAY, data=person(1), now=NOW).entry
    second = waitlist.join(service=service, day=TUESDAY, data=person(2), now=NOW).entry
    return service, taken, first, second


def test_citizens_booking_while_the_freed_place_is_offered_never_get_it(full_day):
    service, taken, first, _second = full_day

    def work(n):
        if n == 0:
            return services.cancel(taken, CITIZEN, now=NOW)
        return services.book(service=service, start=NINE, data=person(100 + n), now=NOW)

    results, errors = run_in_parallel(outcome_of(work), CITIZENS + 1)

    assert not errors, errors[:3]
    assert all(isinstance(results[n], services.SlotTaken) for n in range(1, CITIZENS + 1))
    first.refresh_from_db()
    assert first.status == WaitlistEntry.Status.OFFERED
    assert holders_of_the_place(NOW) == 1


def test_a_lapsed_offer_goes_to_the_next_person_or_to_one_citizen_never_both(full_day):
    service, taken, first, second = full_day
    services.cancel(taken, CITIZEN, now=NOW)
    later = NOW + datetime.timedelta(minutes=service.waitlist_hold_minutes + 1)

    def work(n):
        if n == 0:
            return waitlist.expire_holds(now=later)
        return services.book(service=service, start=NINE, data=person(100 + n), now=later)

    results, errors = run_in_parallel(outcome_of(work), CITIZENS + 1)

    assert not errors, errors[:3]
    booked = [r for r in results.values() if isinstance(r, services.BookingResult)]
    second.refresh_from_db()
    first.refresh_from_db()
    assert first.status == WaitlistEntry.Status.LAPSED
    assert len(booked) + (second.status == WaitlistEntry.Status.OFFERED) == 1
    assert holders_of_the_place(later) == 1


def test_two_accepts_in_parallel_with_citizens_booking_give_one_booking_to_the_person_offered(full_day):
    service, taken, first, _second = full_day
    services.cancel(taken, CITIZEN, now=NOW)
    first.refresh_from_db()
    soon = NOW + datetime.timedelta(minutes=5)

    def work(n):
        if n < 2:
            return waitlist.accept(WaitlistEntry.objects.get(pk=first.pk), now=soon)
        return services.book(service=service, start=NINE, data=person(100 + n), now=soon)

    results, errors = run_in_parallel(outcome_of(work), CITIZENS + 2)

    assert not errors, errors[:3]
    accepted = [r for n, r in results.items() if n < 2 and isinstance(r, services.BookingResult)]
    refused = [r for n, r in results.items() if n < 2 and isinstance(r, ValidationError)]
    assert len(accepted) == 1 and len(refused) == 1
    assert all(isinstance(results[n], services.SlotTaken) for n in range(2, CITIZENS + 2))
    holding = Booking.objects.holding().get(starts_at=NINE)
    assert holding.email == first.email == "warga1@example.com"
    first.refresh_from_db()
    assert first.status == WaitlistEntry.Status.ACCEPTED and first.booking == holding
    assert holders_of_the_place(soon) == 1
