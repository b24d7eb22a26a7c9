"""The citizen's journey at /layanan/janji-temu/: choose, book, confirm, .ics, manage, move, cancel."""

import datetime
import re

import icalendar
import pytest
from django.utils import timezone

from smartcity.appointments import services
from smartcity.appointments.models import BookableService, Booking, OpeningHours
from smartcity.core.working_days import WIB
from tests.appointments.factories import BookableServiceFactory, booking_form_data, make_appointment_page

pytestmark = pytest.mark.django_db
BASE = "/layanan/janji-temu/"


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def page(home_page):
    return make_appointment_page(home_page)


@pytest.fixture
def service(page):
    # Open every day so that the tests do not depend on today's weekday; single places.
    service = BookableServiceFactory(
        name="Konsultasi perizinan", slug="konsultasi-perizinan", capacity_per_slot=1, hours=[]
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(16)
        )
    return BookableService.objects.get(pk=service.pk)


def free_slots(service, count=3):
    return [
        s.start for s in services.availability(service, datetime.date.min, datetime.date.max) if s.available
    ][:count]


def test_service_list_and_calendar_show_free_times_without_javascript(client, service):
    listing = client.get(BASE)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Konsultasi perizinan" in html
    first = free_slots(service, 1)[0]
    detail = client.get(f"{BASE}konsultasi-perizinan/")
    html = detail.content.decode()
    assert "?waktu=" + first.isoformat().replace(":", "%3A").replace("+", "%2B") in html
    assert first.strftime("%H:%M") in html


def test_booking_redirects_to_the_confirmation_with_code_token_qr_and_ics(client, service):
    start = free_slots(service, 1)[0]
    response = client.post(f"{BASE}konsultasi-perizinan/pesan/", booking_form_data(start))
    assert response.status_code == 303
    booking = Booking.objects.get()
    assert response["Location"].endswith(f"/kode/{booking.reference}/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert booking.reference in html
    token = re.search(r'class="access-code"><code>([^<]+)</code>', html)[1]
    assert booking.matches_token(token)
    assert "no-store" in page["Cache-Control"]
    # A reload shows the booking without booking again, and no longer shows the token.
    again = client.get(response["Location"]).content.decode()
    assert Booking.objects.count() == 1 and booking.reference in again

    ics = client.get(f"{BASE}kode/{booking.reference}/kalender/")
    assert ics["Content-Type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == start
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=30)
    assert booking.reference in str(event.get("summary"))
    assert "KTP-el asli" in str(event.get("description"))
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=7)

    assert '<svg class="qr-code"' in html
    receipt = client.get(f"{BASE}kode/{booking.reference}/tanda-terima/")
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF")


def test_sending_the_same_form_twice_books_once(client, service):
    start = free_slots(service, 1)[0]
    data = booking_form_data(start)
    first = client.post(f"{BASE}konsultasi-perizinan/pesan/", data)
    again = client.post(f"{BASE}konsultasi-perizinan/pesan/", data)
    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"]
    assert Booking.objects.count() == 1


def test_another_browser_cannot_see_the_booking(client, service, django_user_model):
    from django.test import Client

    start = free_slots(service, 1)[0]
    client.post(f"{BASE}konsultasi-perizinan/pesan/", booking_form_data(start))
    booking = Booking.objects.get()
    stranger = Client()
    assert stranger.get(f"{BASE}kode/{booking.reference}/").status_code == 404
    assert stranger.get(f"{BASE}kode/{booking.reference}/kalender/").status_code == 404


def test_just_taken_keeps_everything_typed_and_offers_the_nearest_free_times(client, service):
    start, *others = free_slots(service, 3)
    services.book(
        service=service,
        start=start,
        data={"name": "Orang lain", "email": "lain@example.com", "phone": "", "nik": "", "purpose": "x"},
    )
    data = booking_form_data(start, purpose="Mengurus izin warung kopi")
    response = client.post(f"{BASE}konsultasi-perizinan/pesan/", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "just been taken" in html or "baru saja" in html
    assert 'value="Siti Aminah"' in html and 'value="siti@example.com"' in html
    assert "Mengurus izin warung kopi" in html
    assert f'value="{others[0].isoformat()}"' in html
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12", "phone number is not valid"),
        ("nik", "1234", "NIK is not valid"),
        ("email", "bukan-email", "valid email"),
        ("consent", "", "consent"),
        ("name", "   ", "required"),
        ("start", "kemarin", "Choose a time"),
    ],
)
def test_bad_input_gets_a_message_and_loses_nothing(client, service, field, value, message):
    start = free_slots(service, 1)[0]
    data = booking_form_data(start)
    data[field] = value
    response = client.post(f"{BASE}konsultasi-perizinan/pesan/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message.lower() in html.lower() or "tidak valid" in html.lower() or "wajib" in html.lower()
    assert "Konsultasi izin usaha mikro" in html
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "start",
    [
        "2020-01-01T09:00:00+07:00",  # past
        "2099-01-01T09:00:00+07:00",  # outside the window
    ],
)
def test_crafted_times_are_refused(client, service, start):
    data = booking_form_data(datetime.datetime.now(WIB))
    data["start"] = start
    response = client.post(f"{BASE}konsultasi-perizinan/pesan/", data)
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_off_grid_time_is_refused(client, service):
    start = free_slots(service, 1)[0] + datetime.timedelta(minutes=7)
    response = client.post(f"{BASE}konsultasi-perizinan/pesan/", booking_form_data(start))
    assert response.status_code == 400
    assert "not one of the service" in response.content.decode() or "bukan" in response.content.decode()
    assert not Booking.objects.exists()


def test_manage_with_code_and_token_then_move_and_cancel(client, service):
    from django.test import Client

    service.change_cutoff_hours = 0
    service.save()
    first, second = free_slots(service, 2)
    result = services.book(
        service=service,
        start=first,
        data={"name": "Budi", "email": "budi@example.com", "phone": "", "nik": "", "purpose": "Konsultasi"},
    )
    browser = Client()
    wrong = browser.post(f"{BASE}kelola/", {"code": result.booking.reference, "token": "salah"})
    assert wrong.status_code == 400
    opened = browser.post(f"{BASE}kelola/", {"code": result.booking.reference.lower(), "token": result.token})
    assert opened.status_code == 302
    moved = browser.post(f"{BASE}kode/{result.booking.reference}/pindah/", {"start": second.isoformat()})
    assert moved.status_code == 302
    result.booking.refresh_from_db()
    assert result.booking.starts_at == second
    browser.post(f"{BASE}kode/{result.booking.reference}/", {"action": "cancel"})
    result.booking.refresh_from_db()
    assert result.booking.status == Booking.Status.CANCELLED
    assert timezone.now() < first


def test_opening_a_booking_gives_the_browser_a_new_session_id(client, service, settings):
    # A session id planted in the browser beforehand must not gain the access (session fixation).
    from django.test import Client

    result = services.book(
        service=service,
        start=free_slots(service, 1)[0],
        data={"name": "Budi", "email": "budi@example.com", "phone": "", "nik": "", "purpose": "Konsultasi"},
    )
    session = client.session
    session["planted"] = True
    session.save()
    planted = client.cookies[settings.SESSION_COOKIE_NAME].value
    opened = client.post(f"{BASE}kelola/", {"code": result.booking.reference, "token": result.token})
    assert opened.status_code == 302 and "no-store" in opened["Cache-Control"]
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted
    booking_url = f"{BASE}kode/{result.booking.reference}/"
    assert client.get(booking_url).status_code == 200
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert attacker.get(booking_url).status_code == 404
