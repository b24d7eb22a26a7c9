"""Citizen confirmation after the reminder: the link works once and only before the deadline;
bookings not confirmed in time return to the pool (and to the waitlist first)."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from smartcity.appointments import services, waitlist
from smartcity.appointments.models import Booking, BookingEvent, WaitlistEntry
from tests.appointments.factories import (
    NOW,
    TUESDAY,
    BookableServiceFactory,
    at,
    make_appointment_page,
    person,
)

pytestmark = pytest.mark.django_db
sending_mail = TestCase.captureOnCommitCallbacks
BASE = "/layanan/janji-temu/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def page(home_page):
    return make_appointment_page(home_page)


@pytest.fixture
def service(page):
    return BookableServiceFactory(
        capacity_per_slot=1,
        hours=[(9, 0, 10, 0)],
        requires_citizen_confirmation=True,
        confirmation_deadline_hours=3,
    )


def book(service, n, start):
    with sending_mail(execute=True):
        return services.book(service=service, start=start, data=person(n), now=NOW).booking


def remind(now=NOW) -> dict[str, str]:
    """Send the reminders; the confirmation code e-mailed to each booking code."""
    mail.outbox.clear()
    with sending_mail(execute=True):
        services.send_reminders(now=now)
    codes = {}
    for message in mail.outbox:
        match = re.search(r"kelola/konfirmasi/#(JT-\d{4}-\d{6})\.([0-9A-Z-]+)", message.body)
        if match:
            codes[match[1]] = match[2]
    return codes


def test_the_reminder_carries_a_confirm_link_and_the_deadline(service):
    booking = book(service, 1, at(TUESDAY, 9))
    codes = remind()
    booking.refresh_from_db()
    assert booking.confirm_by == at(TUESDAY, 6)
    assert booking.reference in codes and booking.awaits_citizen_confirmation(NOW)
    assert "02-02-2027 06:00 WIB" in mail.outbox[0].body
    assert booking.matches_token(codes[booking.reference]) is False  # its own code, not the access code


def test_services_without_confirmation_or_too_close_to_the_deadline_ask_nothing(page):
    plain = BookableServiceFactory(capacity_per_slot=1, hours=[(9, 0, 10, 0)])
    late = BookableServiceFactory(
        capacity_per_slot=1,
        hours=[(9, 0, 10, 0)],
        requires_citizen_confirmation=True,
        confirmation_deadline_hours=25,
    )
    first, second = book(plain, 1, at(TUESDAY, 9)), book(late, 2, at(TUESDAY, 9))
    assert remind() == {}
    assert services.release_unconfirmed(now=at(TUESDAY, 8, 59)) == 0
    for booking in (first, second):
        booking.refresh_from_db()
        assert booking.confirm_by is None and booking.status == Booking.Status.CONFIRMED


def test_the_confirm_link_works_once_and_only_before_the_deadline(service):
    on_time = book(service, 1, at(TUESDAY, 9))
    too_late = book(service, 2, at(TUESDAY, 9, 30))
    codes = remind()

    with pytest.raises(ValidationError, match="not valid"):
        services.confirm_attendance(on_time, codes[too_late.reference], now=NOW)
    assert services.confirm_attendance(on_time, codes[on_time.reference], now=at(TUESDAY, 5, 59)) is True
    assert services.confirm_attendance(on_time, codes[on_time.reference], now=at(TUESDAY, 6, 1)) is False
    assert on_time.events.filter(kind=BookingEvent.Kind.CITIZEN_CONFIRMED, by_citizen=True).count() == 1
    with pytest.raises(ValidationError, match="has passed"):  # its deadline: 09:30 - 3 hours
        services.confirm_attendance(too_late, codes[too_late.reference], now=at(TUESDAY, 6, 30))


def test_unconfirmed_bookings_return_to_the_pool_and_the_waitlist_is_offered_the_place(service):
    confirmed = book(service, 1, at(TUESDAY, 9, 30))
    forgotten = book(service, 2, at(TUESDAY, 9))
    with sending_mail(execute=True):
        entry = waitlist.join(service=service, day=TUESDAY, data=person(3), now=NOW).entry
    codes = remind()
    services.confirm_attendance(confirmed, codes[confirmed.reference], now=NOW)

    assert services.release_unconfirmed(now=at(TUESDAY, 5, 59)) == 0
    with sending_mail(execute=True):
        assert services.release_unconfirmed(now=at(TUESDAY, 6)) == 1
        assert services.release_unconfirmed(now=at(TUESDAY, 6, 5)) == 0

    forgotten.refresh_from_db()
    confirmed.refresh_from_db()
    assert forgotten.status == Booking.Status.EXPIRED and forgotten.seat is None
    assert confirmed.status == Booking.Status.CONFIRMED
    event = forgotten.events.get(kind=BookingEvent.Kind.STATUS)
    assert (event.from_status, event.to_status, event.actor) == ("confirmed", "expired", None)
    assert "not confirmed" in event.note.lower()
    assert any(m.to == ["warga2@example.com"] and forgotten.reference in m.body for m in mail.outbox)
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.OFFERED and entry.offered_start == at(TUESDAY, 9)


def test_confirming_from_the_link_on_the_site(client, service):
    booking = book(service, 1, at(TUESDAY, 9))
    codes = remind()
    url = f"{BASE}kelola/konfirmasi/"
    form = client.get(url)
    assert form.status_code == 200 and b"data-fill-from-fragment" in form.content
    assert "no-store" in form["Cache-Control"]

    wrong = client.post(url, {"code": booking.reference, "token": "AAAAA-AAAAA"})
    assert wrong.status_code == 400 and booking.reference.encode() in wrong.content  # kept

    # The real clock is before NOW (fixed in 2027), so the deadline is still ahead.
    first = client.post(url, {"code": booking.reference, "token": codes[booking.reference]})
    assert first.status_code == 302 and first["Location"].endswith(f"kode/{booking.reference}/")
    shown = client.get(first["Location"]).content.decode()
    assert 'class="booking-confirmed"' in shown
    booking.refresh_from_db()
    assert booking.citizen_confirmed_at is not None
    again = client.post(url, {"code": booking.reference, "token": codes[booking.reference]})
    assert again.status_code == 302
    assert booking.events.filter(kind=BookingEvent.Kind.CITIZEN_CONFIRMED).count() == 1
