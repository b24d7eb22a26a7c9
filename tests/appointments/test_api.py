"""The e-appointment API: services, slots, booking (201/409/400), cancelling, and its OpenAPI schema."""

import datetime

import pytest
import yaml

from smartcity.appointments import services
from smartcity.appointments.models import BookableService, Booking, OpeningHours
from smartcity.core.working_days import WIB
from tests.appointments.factories import BookableServiceFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/appointments/"


@pytest.fixture
def service(db):
    service = BookableServiceFactory(
        slug="ktp-el", name="Perekaman KTP-el", capacity_per_slot=1, change_cutoff_hours=0, hours=[]
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(16)
        )
    return BookableService.objects.get(pk=service.pk)


def free(service, count=2):
    slots = services.availability(service, datetime.date.min, datetime.date.max)
    return [s.start for s in slots if s.available][:count]


def body(slot, **overrides):
    data = {
        "service": "ktp-el",
        "start": slot.isoformat(),
        "name": "Siti Aminah",
        "email": "siti@example.com",
        "phone": "0812 3456 7890",
        "nik": "",
        "purpose": "Perekaman KTP-el",
        "consent": True,
    }
    data.update(overrides)
    return data


def test_services_and_slots(client, service):
    listed = client.get(f"{API}services/").json()
    assert listed == [
        {
            "slug": "ktp-el",
            "name": "Perekaman KTP-el",
            "agency": service.agency.name,
            "location": service.location,
            "slot_minutes": 30,
            "requires_approval": False,
        }
    ]
    today = datetime.datetime.now(WIB).date()
    slots = client.get(
        f"{API}services/ktp-el/slots/", {"start": today, "end": today + datetime.timedelta(days=2)}
    )
    assert slots.status_code == 200
    first = slots.json()[0]
    assert first["start"].endswith("+07:00") and first["capacity"] == 1 and first["available"] == 1
    too_long = client.get(
        f"{API}services/ktp-el/slots/", {"start": today, "end": today + datetime.timedelta(days=62)}
    )
    assert too_long.status_code == 400 and "end" in too_long.json()


def test_book_then_full_then_cancel_frees_at_once(client, service):
    start, other = free(service)
    created = client.post(f"{API}bookings/", body(start), content_type="application/json")
    assert created.status_code == 201, created.json()
    answer = created.json()
    assert answer["code"].startswith("JT-") and answer["status"] == "confirmed"
    assert answer["start"] == start.isoformat()

    taken = client.post(
        f"{API}bookings/", body(start, email="lain@example.com", phone=""), content_type="application/json"
    )
    assert taken.status_code == 409
    assert taken.json()["alternatives"][0]["start"] in {
        other.isoformat(),
        (start - datetime.timedelta(minutes=30)).isoformat(),
    }

    wrong = client.post(f"{API}bookings/{answer['code']}/cancel/", HTTP_AUTHORIZATION="Token salah")
    assert wrong.status_code == 404
    cancelled = client.post(
        f"{API}bookings/{answer['code']}/cancel/", HTTP_AUTHORIZATION=f"Token {answer['access_token']}"
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(
        f"{API}bookings/", body(start, email="lain@example.com", phone=""), content_type="application/json"
    )
    assert again.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "12", "email": ""}, "phone"),
        ({"nik": "1234"}, "nik"),
        ({"consent": False}, "consent"),
        ({"email": "", "phone": ""}, "email"),
        ({"start": "besok"}, "start"),
        ({"start": "2020-01-01T09:00:00+07:00"}, "start"),
        ({"start": "2099-01-01T09:00:00+07:00"}, "start"),
        ({"name": "x" * 500}, "name"),
    ],
)
def test_bad_input_gets_a_message_per_field(client, service, overrides, field):
    response = client.post(
        f"{API}bookings/", body(free(service, 1)[0], **overrides), content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Booking.objects.exists()


def test_off_grid_start_is_refused(client, service):
    start = free(service, 1)[0] + datetime.timedelta(minutes=10)
    response = client.post(f"{API}bookings/", body(start), content_type="application/json")
    assert response.status_code == 400 and "start" in response.json()


def test_schema_describes_the_endpoints_and_docs_are_served_locally(client, service):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = schema["paths"]
    # The one schema holds every service's API; these are e-appointment's.
    assert {path for path in paths if path.startswith("/api/v1/appointments/")} == {
        "/api/v1/appointments/services/",
        "/api/v1/appointments/services/{slug}/slots/",
        "/api/v1/appointments/bookings/",
        "/api/v1/appointments/bookings/{code}/cancel/",
    }
    booking = schema["components"]["schemas"]["Booking"]["properties"]
    assert {"code", "status", "start", "end"} <= set(booking)
    assert "409" in paths["/api/v1/appointments/bookings/"]["post"]["responses"]
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "https://" not in docs
