"""Capacity under real parallel connections on PostgreSQL: the last place goes to exactly one."""

import datetime
import threading
import time

import pytest
from django.db import connection

from smartcity.appointments import services
from smartcity.appointments.models import Booking
from smartcity.core.workflow import CITIZEN, TransitionNotAllowed
from tests.appointments.factories import NOW, TUESDAY, BookableServiceFactory, at, person

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 30


def run_in_parallel(work, count: int) -> tuple[dict[int, object], list[BaseException]]:
    """Run ``work(n)`` in ``count`` threads, each with its own connection, released together."""
    barrier = threading.Barrier(count, timeout=60)
    results: dict[int, object] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(n: int):
        try:
            barrier.wait()
            outcome = work(n)
        except services.SlotTaken as taken:
            outcome = taken
        except BaseException as error:  # reported by the main thread
            with lock:
                errors.append(error)
            return
        finally:
            connection.close()
        with lock:
            results[n] = outcome

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_thirty_parallel_requests_for_the_last_place_give_one_booking_and_29_just_taken():
    service = BookableServiceFactory(capacity_per_slot=3)
    for n in range(2):
        services.book(service=service, start=at(TUESDAY, 9), data=person(100 + n), now=NOW)

    results, errors = run_in_parallel(
        lambda n: services.book(service=service, start=at(TUESDAY, 9), data=person(n), now=NOW), PARALLEL
    )

    assert not errors, errors[:3]
    booked = [r for r in results.values() if isinstance(r, services.BookingResult)]
    taken = [r for r in results.values() if isinstance(r, services.SlotTaken)]
    assert len(booked) == 1 and len(taken) == PARALLEL - 1
    assert all(t.alternatives and at(TUESDAY, 9) not in [a.start for a in t.alternatives] for t in taken)
    assert Booking.objects.holding().filter(starts_at=at(TUESDAY, 9)).count() == 3


def test_parallel_bookings_across_a_day_never_exceed_the_daily_quota():
    service = BookableServiceFactory(capacity_per_slot=4, daily_quota=5)
    times = [at(TUESDAY, 8) + datetime.timedelta(minutes=30 * (n % 8)) for n in range(PARALLEL)]

    results, errors = run_in_parallel(
        lambda n: services.book(service=service, start=times[n], data=person(n), now=NOW), PARALLEL
    )

    assert not errors, errors[:3]
    booked = [r for r in results.values() if isinstance(r, services.BookingResult)]
    assert len(booked) == 5
    assert Booking.objects.holding().filter(day=TUESDAY).count() == 5


def test_parallel_moves_into_one_free_place_move_exactly_one_and_lose_nobody():
    service = BookableServiceFactory(capacity_per_slot=1, change_cutoff_hours=2)
    mine = [
        services.book(
            service=service,
            start=at(TUESDAY, 8) + datetime.timedelta(minutes=30 * n),
            data=person(n),
            now=NOW,
        ).booking
        for n in range(8)
    ]
    target = at(TUESDAY, 14)

    results, errors = run_in_parallel(lambda n: services.move(mine[n], target, CITIZEN, now=NOW), len(mine))

    assert not errors, errors[:3]
    assert sum(not isinstance(r, services.SlotTaken) for r in results.values()) == 1
    assert Booking.objects.holding().count() == len(mine)  # nobody lost, nobody doubled
    assert Booking.objects.holding().filter(starts_at=target).count() == 1
    assert len(set(Booking.objects.values_list("starts_at", flat=True))) == len(mine)


def test_a_cancelled_place_can_be_taken_at_once_by_one_of_many():
    service = BookableServiceFactory(capacity_per_slot=1)
    first = services.book(service=service, start=at(TUESDAY, 9), data=person(99), now=NOW).booking
    services.cancel(first, CITIZEN)

    results, errors = run_in_parallel(
        lambda n: services.book(service=service, start=at(TUESDAY, 9), data=person(n), now=NOW), 10
    )

    assert not errors, errors[:3]
    assert sum(isinstance(r, services.BookingResult) for r in results.values()) == 1


def _site_with_home_page():
    """A transactional test starts from a flushed database: rebuild the root, home page and site."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    Locale.objects.get_or_create(language_code="id")
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda", hero_title="Binjai"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def test_thirty_parallel_web_form_posts_for_the_last_place_book_once(settings):
    from django.test import Client

    from tests.appointments.factories import booking_form_data, make_appointment_page

    settings.FORM_MIN_FILL_SECONDS = 0
    settings.RATELIMIT_ENABLE = False  # every thread posts from 127.0.0.1
    make_appointment_page(_site_with_home_page())
    service = BookableServiceFactory(slug="ktp-el", capacity_per_slot=1, hours=[(0, 0, 23, 30)])
    start = next(
        s.start for s in services.availability(service, datetime.date.min, datetime.date.max) if s.available
    )

    def post(n):
        data = booking_form_data(start, email=f"warga{n}@example.com", phone="")
        return Client().post("/layanan/janji-temu/ktp-el/pesan/", data).status_code

    results, errors = run_in_parallel(post, PARALLEL)

    assert not errors, errors[:3]
    assert sorted(results.values()) == [303] + [409] * (PARALLEL - 1)
    assert Booking.objects.holding().filter(starts_at=start).count() == 1


def test_thirty_parallel_api_posts_for_the_last_place_book_once(settings):
    from django.test import Client

    settings.RATELIMIT_ENABLE = False
    service = BookableServiceFactory(slug="ktp-el", capacity_per_slot=1, hours=[(0, 0, 23, 30)])
    start = next(
        s.start for s in services.availability(service, datetime.date.min, datetime.date.max) if s.available
    )

    def post(n):
        body = {
            "service": "ktp-el",
            "start": start.isoformat(),
            "name": f"Warga {n}",
            "email": f"warga{n}@example.com",
            "purpose": "Perekaman KTP-el",
            "consent": True,
        }
        return (
            Client().post("/api/v1/appointments/bookings/", body, content_type="application/json").status_code
        )

    results, errors = run_in_parallel(post, PARALLEL)

    assert not errors, errors[:3]
    assert sorted(results.values()) == [201] + [409] * (PARALLEL - 1)
    assert Booking.objects.holding().filter(starts_at=start).count() == 1


def test_closing_a_day_while_citizens_book_it_leaves_no_booking_there_and_tells_each_once():
    """Bookings racing a closure: each either committed before it (then the closure cancels it
    and tells its citizen once) or comes after it (then it is refused); none holds a place."""
    from django.core import mail
    from django.core.exceptions import ValidationError

    from tests.factories import UserFactory

    service = BookableServiceFactory(capacity_per_slot=30)
    desk = UserFactory(username="meja-tutup", is_superuser=True)
    times = [at(TUESDAY, 8) + datetime.timedelta(minutes=30 * (n % 8)) for n in range(PARALLEL)]

    def work(n):
        if n == 0:
            return services.close_period(service, TUESDAY, reason="Listrik padam", actor=desk, now=NOW)
        try:
            return services.book(service=service, start=times[n], data=person(n), now=NOW)
        except ValidationError as refused:
            return refused

    results, errors = run_in_parallel(work, PARALLEL)

    assert not errors, errors[:3]
    assert not Booking.objects.holding().filter(service=service, day=TUESDAY).exists()
    closed = results[0]
    booked = [r.booking.pk for r in results.values() if isinstance(r, services.BookingResult)]
    refused = [r for r in results.values() if isinstance(r, ValidationError)]
    assert sorted(b.pk for b in closed.cancelled) == sorted(booked)
    assert len(booked) + len(refused) == PARALLEL - 1
    notices = [m.to[0] for m in mail.outbox if "Listrik padam" in m.body]
    assert sorted(notices) == sorted(set(notices)) and len(notices) == len(booked)


def _pause_after_locking(table: str, seconds: float = 0.3):
    """An execute wrapper that waits after a ``SELECT … FOR UPDATE`` on ``table``: it holds that
    lock long enough for the other thread to take its first lock, whatever the timing."""

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "FOR UPDATE" in sql and f'FROM "{table}"' in sql:
            time.sleep(seconds)
        return result

    return wrapper


def test_a_check_in_and_a_cancel_of_the_same_booking_at_once_never_deadlock():
    """Both lock the service before the booking (the workflow's ``lock_before``). Before that a
    check-in locked the booking and then the service, a cancel the service and then the
    booking: held apart by a pause after each first lock, PostgreSQL broke the deadlock by
    failing one of them."""
    from tests.factories import UserFactory

    desk = UserFactory(is_superuser=True)
    service = BookableServiceFactory(capacity_per_slot=10)
    booking = services.book(service=service, start=at(TUESDAY, 9), data=person(1), now=NOW).booking

    def act(n):
        own = Booking.objects.get(pk=booking.pk)  # each thread its own copy, as two requests have
        try:
            if n == 0:
                with connection.execute_wrapper(_pause_after_locking("appointments_booking")):
                    return services.BOOKING_WORKFLOW.apply(own, "check_in", desk)
            with connection.execute_wrapper(_pause_after_locking("appointments_bookableservice")):
                return services.cancel(own, desk, note="Dibatalkan petugas.")
        except TransitionNotAllowed as refused:  # the other one won: a clean refusal
            return refused

    results, errors = run_in_parallel(act, 2)

    assert not errors, errors  # a deadlock surfaces here as an OperationalError
    outcomes = [r for r in results.values() if not isinstance(r, TransitionNotAllowed)]
    assert len(outcomes) == 1
    booking.refresh_from_db()
    assert booking.status in (Booking.Status.CHECKED_IN, Booking.Status.CANCELLED)
