"""The booking service: every way a time can be wrong, capacity, quota, moving, cancelling, approval."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import translation

from smartcity.appointments import services
from smartcity.appointments.models import Booking, BookingEvent, ServiceClosure
from smartcity.core.models import CityHoliday
from smartcity.core.workflow import CITIZEN
from tests.appointments.factories import (
    HOLIDAY_FRIDAY,
    NOW,
    TUESDAY,
    BookableServiceFactory,
    at,
    person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English (msgids); the site's default language is Indonesian."""
    with translation.override("en"):
        yield


# E-mails leave after the commit: run those callbacks so that the outbox fills.
sending_mail = TestCase.captureOnCommitCallbacks


def book(service, start, n=0, **overrides):
    with sending_mail(execute=True):
        return services.book(service=service, start=start, data=person(n, **overrides), now=NOW)


def start_error(service, start) -> str:
    with pytest.raises(ValidationError) as error:
        book(service, start)
    return " ".join(error.value.message_dict["start"])


def test_booking_gets_a_jt_reference_a_seat_and_a_receipt():
    service = BookableServiceFactory()
    result = book(service, at(TUESDAY, 9))
    booking = result.booking
    assert re.fullmatch(r"JT-2027-\d{6}", booking.reference)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.matches_token(result.token)
    assert booking.seat == 1 and booking.day == TUESDAY
    assert booking.events.get().kind == BookingEvent.Kind.CREATED
    assert mail.outbox[-1].to == ["warga0@example.com"]
    assert booking.reference in mail.outbox[-1].body and "KTP-el asli" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(TUESDAY, 9, 10), "not one of the service's appointment times"),  # off the grid
        (at(TUESDAY, 12, 0), "not one of the service's appointment times"),  # lunch break
        (at(TUESDAY, 7, 30), "not one of the service's appointment times"),  # before opening
        (at(TUESDAY, 15, 0), "not one of the service's appointment times"),  # after closing
        (at(HOLIDAY_FRIDAY, 9), "closed on this day"),  # cuti bersama
        (at(TUESDAY + datetime.timedelta(days=4), 9), "closed on this day"),  # Saturday: no hours
        (at(datetime.date(2027, 1, 29), 9), "already passed"),
        (NOW + datetime.timedelta(hours=1), "close 2 hours before"),
        (at(datetime.date(2027, 3, 16), 9), "opens 30 days ahead"),
    ],
)
def test_times_that_can_never_be_booked_are_refused_with_a_reason(start, expected):
    service = BookableServiceFactory()
    assert expected in start_error(service, start)
    assert not Booking.objects.exists()


def test_city_day_off_and_one_off_closures_close_the_service():
    service = BookableServiceFactory()
    CityHoliday.objects.create(date=TUESDAY, name="Hari jadi Kota Binjai")
    assert "closed on this day" in start_error(service, at(TUESDAY, 9))
    wednesday = TUESDAY + datetime.timedelta(days=1)
    ServiceClosure.objects.create(service=service, date=wednesday, reason="Rapat kerja")
    assert "closed on this day" in start_error(service, at(wednesday, 9))
    thursday = TUESDAY + datetime.timedelta(days=2)
    ServiceClosure.objects.create(
        service=service,
        date=thursday,
        starts_at=datetime.time(9),
        ends_at=datetime.time(10),
        reason="Kunjungan",
    )
    assert "not one of the service's appointment times" in start_error(service, at(thursday, 9, 30))
    assert book(service, at(thursday, 10)).booking.seat == 1


def test_a_full_slot_answers_just_taken_with_the_nearest_free_slots():
    service = BookableServiceFactory(capacity_per_slot=2)
    book(service, at(TUESDAY, 9), 1)
    book(service, at(TUESDAY, 9), 2)
    with pytest.raises(services.SlotTaken) as taken:
        book(service, at(TUESDAY, 9), 3)
    assert "just been taken" in taken.value.message
    nearest = [a.start for a in taken.value.alternatives]
    assert at(TUESDAY, 9) not in nearest
    assert set(nearest[:2]) <= {at(TUESDAY, 8, 30), at(TUESDAY, 9, 30), at(TUESDAY, 8), at(TUESDAY, 10)}
    assert at(TUESDAY, 8, 30) in nearest and at(TUESDAY, 9, 30) in nearest
    assert Booking.objects.count() == 2


def test_daily_quota_is_never_exceeded():
    service = BookableServiceFactory(capacity_per_slot=5, daily_quota=3)
    for n in range(3):
        book(service, at(TUESDAY, 8 + n), n)
    with pytest.raises(services.SlotTaken) as taken:
        book(service, at(TUESDAY, 13), 9)
    assert taken.value.day_full
    assert all(a.start.date() != TUESDAY for a in taken.value.alternatives)
    assert Booking.objects.filter(day=TUESDAY).count() == 3


def test_availability_counts_places_and_the_day_quota():
    service = BookableServiceFactory(capacity_per_slot=2, daily_quota=3)
    book(service, at(TUESDAY, 9), 1)
    book(service, at(TUESDAY, 9), 2)
    book(service, at(TUESDAY, 10), 3)
    slots = {s.start: s for s in services.availability(service, TUESDAY, TUESDAY, now=NOW)}
    assert slots[at(TUESDAY, 9)].available == 0
    assert slots[at(TUESDAY, 13)].available == 0  # the day is full
    assert slots[at(TUESDAY, 13)].capacity == 2


def test_contact_may_hold_only_the_allowed_number_of_upcoming_bookings():
    service = BookableServiceFactory(max_active_per_contact=1)
    book(service, at(TUESDAY, 9), 1)
    with pytest.raises(ValidationError) as error:
        book(service, at(TUESDAY, 10), 1)
    assert "upcoming booking" in " ".join(error.value.message_dict["email"])
    # Same phone, different e-mail: still the same person.
    book(service, at(TUESDAY, 11), 2, phone="+6281234567890")
    with pytest.raises(ValidationError):
        book(service, at(TUESDAY, 11, 30), 3, phone="+6281234567890")


def test_cancelling_frees_the_place_at_once():
    service = BookableServiceFactory(capacity_per_slot=1)
    first = book(service, at(TUESDAY, 9), 1).booking
    services.cancel(first, CITIZEN)
    first.refresh_from_db()
    assert first.status == Booking.Status.CANCELLED and first.seat is None
    assert book(service, at(TUESDAY, 9), 2).booking.seat == 1


def test_citizen_cannot_cancel_or_move_after_the_cutoff():
    service = BookableServiceFactory(change_cutoff_hours=24 * 365)
    booking = book(service, at(TUESDAY, 9), 1).booking
    with pytest.raises(ValidationError):
        services.cancel(booking, CITIZEN)
    with pytest.raises(ValidationError, match="cancelled until"):
        services.move(booking, at(TUESDAY, 10), CITIZEN, now=NOW)


def test_moving_keeps_one_place_and_frees_the_old_one():
    service = BookableServiceFactory(capacity_per_slot=1, daily_quota=2)
    booking = book(service, at(TUESDAY, 9), 1).booking
    services.move(booking, at(TUESDAY, 10), CITIZEN, now=NOW)
    booking.refresh_from_db()
    assert booking.starts_at == at(TUESDAY, 10) and booking.times_moved == 1
    assert Booking.objects.holding().count() == 1
    # The old time is free, and the day counts the moved booking once.
    book(service, at(TUESDAY, 9), 2)
    with pytest.raises(services.SlotTaken):
        book(service, at(TUESDAY, 11), 3)
    assert booking.events.filter(kind=BookingEvent.Kind.MOVED).exists()


def test_moving_into_a_full_slot_leaves_the_booking_where_it_was():
    service = BookableServiceFactory(capacity_per_slot=1)
    mine = book(service, at(TUESDAY, 9), 1).booking
    book(service, at(TUESDAY, 10), 2)
    with pytest.raises(services.SlotTaken):
        services.move(mine, at(TUESDAY, 10), CITIZEN, now=NOW)
    mine.refresh_from_db()
    assert mine.starts_at == at(TUESDAY, 9) and mine.seat == 1


def test_moving_to_a_closed_or_off_grid_time_is_refused():
    service = BookableServiceFactory()
    mine = book(service, at(TUESDAY, 9), 1).booking
    with pytest.raises(ValidationError):
        services.move(mine, at(HOLIDAY_FRIDAY, 9), CITIZEN, now=NOW)
    with pytest.raises(ValidationError):
        services.move(mine, at(TUESDAY, 9, 5), CITIZEN, now=NOW)


def test_the_database_refuses_a_second_booking_on_a_taken_seat():
    service = BookableServiceFactory(capacity_per_slot=1)
    booking = book(service, at(TUESDAY, 9), 1).booking
    clone = Booking.objects.get(pk=booking.pk)
    clone.pk = None
    clone.reference = "JT-2027-999999"
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()
    clone.seat = 2  # beyond the slot's capacity of 1
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_approval_flow_holds_the_place_until_approved_declined_or_expired(superuser):
    service = BookableServiceFactory(requires_approval=True, capacity_per_slot=1, approval_hold_hours=4)
    pending = book(service, at(TUESDAY, 9), 1).booking
    assert pending.status == Booking.Status.PENDING
    with pytest.raises(services.SlotTaken):
        book(service, at(TUESDAY, 9), 2)
    with sending_mail(execute=True):
        services.decline(pending, superuser, "Wali Kota sedang dinas luar kota.")
    assert "dinas luar kota" in mail.outbox[-1].body
    second = book(service, at(TUESDAY, 9), 2).booking
    services.approve(second, superuser)
    second.refresh_from_db()
    assert second.status == Booking.Status.CONFIRMED
    third = book(service, at(TUESDAY, 10), 3).booking
    assert services.expire_unapproved(now=NOW + datetime.timedelta(hours=5)) == 1
    third.refresh_from_db()
    assert third.status == Booking.Status.EXPIRED and third.seat is None


def test_reminders_go_once_to_tomorrows_visitors_and_the_command_runs_both_jobs():
    from django.core.management import call_command

    service = BookableServiceFactory()
    tomorrow = book(service, at(TUESDAY, 9), 1).booking
    book(service, at(TUESDAY + datetime.timedelta(days=1), 9), 2)
    mail.outbox.clear()
    with sending_mail(execute=True):
        assert services.send_reminders(now=NOW) == 1
        assert services.send_reminders(now=NOW) == 0
    assert [m.to for m in mail.outbox] == [["warga1@example.com"]]
    assert tomorrow.reference in mail.outbox[0].body and "KTP-el asli" in mail.outbox[0].body
    assert tomorrow.events.filter(kind=BookingEvent.Kind.REMINDER).count() == 1
    call_command("appointment_jobs", verbosity=0)
