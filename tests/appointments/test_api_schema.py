"""The e-appointment API answers as its OpenAPI schema says: schemathesis generates requests from
``/api/v1/schema/`` (valid and invalid ones) and sends them in process to the Django WSGI
application, on the test database (SQLite or PostgreSQL, whichever the run uses), then checks
every answer: no server error, a documented status code, a documented content type and a body
that matches the documented schema for that status."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from smartcity.appointments import services
from smartcity.appointments.models import BookableService, OpeningHours
from tests.appointments.factories import BookableServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(db, settings):
    # Generated requests come by the hundred from one address; the limits have their own tests.
    settings.RATELIMIT_ENABLE = False
    service = BookableServiceFactory(
        slug="ktp-el", name="Perekaman KTP-el", capacity_per_slot=1, change_cutoff_hours=0, hours=[]
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(16)
        )
    assert BookableService.objects.bookable().count() == 1
    # The real WSGI handler closes "old" database connections at each request's start and end;
    # inside a test that would be the test's own transaction (Django's test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application()).include(
            path_regex="^/api/v1/appointments/"
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


OPERATIONS = [
    "GET /api/v1/appointments/services/",
    "GET /api/v1/appointments/services/{slug}/slots/",
    "POST /api/v1/appointments/bookings/",
    "POST /api/v1/appointments/bookings/{code}/cancel/",
]


# schemathesis' own pytest plug-in (``from_fixture``/``parametrize``) does not run under pytest 9
# (it rewrites a node attribute pytest no longer has), so each operation's Hypothesis strategy is
# driven here directly: requests that follow the schema and requests that break it.
CASES = [
    pytest.param(label, mode, id=f"{label} {mode.value}")
    for label in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    # The service list takes no input: there is no invalid request to make.
    if not (label.endswith("/services/") and mode == GenerationMode.NEGATIVE)
]


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_appointments_api_matches_its_schema(api_schema, label, mode):
    operations = {
        f"{op.method.upper()} {op.path}": op for op in (r.ok() for r in api_schema.get_all_operations())
    }
    assert sorted(operations) == sorted(OPERATIONS)

    # A booking request can follow the schema and still be refused with the documented 400: the
    # time must be a future slot of the service inside its window, and e-mail or phone be given.
    excluded = [positive_data_acceptance] if label.startswith("POST /api/v1/appointments/bookings/") else []

    @given(case=operations[label].as_strategy(generation_mode=mode))
    @settings(
        max_examples=30,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case):
        case.call_and_validate(excluded_checks=excluded)

    check()


def test_booked_full_cancelled_and_unauthorised_answers_match_the_schema(api_schema):
    """Generated requests rarely hit a free future slot: the 201, 409 (with alternatives), 200 and
    401 answers are checked against the schema with requests made on purpose."""
    service = BookableService.objects.get(slug="ktp-el")
    free = [s for s in services.availability(service, datetime.date.min, datetime.date.max) if s.available]
    book = api_schema["/api/v1/appointments/bookings/"]["POST"]

    def body(n):
        return {
            "service": "ktp-el",
            "start": free[0].start.isoformat(),
            "name": f"Warga {n}",
            "email": f"warga{n}@example.com",
            "phone": "",
            "nik": "",
            "purpose": "Perekaman KTP-el",
            "consent": True,
        }

    booked = book.Case(body=body(1), media_type="application/json").call_and_validate()
    assert booked.status_code == 201
    full = book.Case(body=body(2), media_type="application/json").call_and_validate()
    assert full.status_code == 409 and full.json()["alternatives"]
    cancel = api_schema["/api/v1/appointments/bookings/{code}/cancel/"]["POST"]
    code, token = booked.json()["code"], booked.json()["access_token"]
    unauthorised = cancel.Case(path_parameters={"code": code}, headers={}).call(headers={})
    assert unauthorised.status_code == 401
    cancelled = cancel.Case(
        path_parameters={"code": code}, headers={"Authorization": f"Token {token}"}
    ).call_and_validate()
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    missing = cancel.Case(
        path_parameters={"code": "JT-2026-999999"}, headers={"Authorization": f"Token {token}"}
    ).call_and_validate()
    assert missing.status_code == 404
