"""Staff side: agency scoping, the day agenda, approve/decline, check-in with queue numbers, export."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from smartcity.appointments import services
from smartcity.appointments.models import Booking
from smartcity.core.models import Agency
from tests.appointments.factories import NOW, TUESDAY, BookableServiceFactory, at, person
from tests.complaints.factories import StaffMemberFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
AGENDA = "appointments_booking:agenda"


@pytest.fixture
def dukcapil(db):
    return Agency.objects.get(short_name="Disdukcapil")


@pytest.fixture
def officer(dukcapil):
    user = UserFactory(username="petugas-dukcapil", groups=["Agency officers"])
    StaffMemberFactory(agency=dukcapil, user=user)
    return user


def book(service, n, start, **kwargs):
    return services.book(service=service, start=start, data=person(n), now=NOW, **kwargs).booking


def test_agency_staff_see_only_their_agencys_services_and_bookings(client, officer, dukcapil):
    mine = BookableServiceFactory(name="Perekaman KTP-el", agency=dukcapil)
    theirs = BookableServiceFactory(name="Audiensi dengan Wali Kota")
    book(mine, 1, at(TUESDAY, 9))
    other = book(theirs, 2, at(TUESDAY, 9))
    client.force_login(officer)
    listing = client.get(reverse("appointments_booking:index")).content.decode()
    assert "Warga Uji 1" in listing and "Warga Uji 2" not in listing
    agenda = client.get(reverse(AGENDA), {"service": theirs.pk, "day": TUESDAY.isoformat()}).content.decode()
    assert "Warga Uji 2" not in agenda
    response = client.post(reverse("appointments_booking:action", args=[other.pk]), {"action": "cancel"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED
    services_list = client.get(reverse("wagtailsnippets_appointments_bookableservice:list")).content.decode()
    assert "Perekaman KTP-el" in services_list and "Audiensi dengan Wali Kota" not in services_list


def test_check_in_gives_queue_numbers_in_arrival_order_then_done(client, officer, dukcapil):
    service = BookableServiceFactory(agency=dukcapil, capacity_per_slot=3)
    first, second = book(service, 1, at(TUESDAY, 10)), book(service, 2, at(TUESDAY, 9))
    client.force_login(officer)
    action = "appointments_booking:action"
    client.post(reverse(action, args=[first.pk]), {"action": "check_in"})
    response = client.post(reverse(action, args=[second.pk]), {"action": "check_in"}, follow=True)
    assert "queue number 2" in response.content.decode() or "2" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.queue_number, second.queue_number) == (1, 2)
    assert first.status == Booking.Status.CHECKED_IN
    client.post(reverse(action, args=[first.pk]), {"action": "complete"})
    first.refresh_from_db()
    assert first.status == Booking.Status.DONE
    history = list(first.events.values_list("to_status", "actor"))
    assert ("checked_in", officer.pk) in history and ("done", officer.pk) in history


def test_decline_needs_a_reason_and_sends_it_to_the_citizen(client, officer, dukcapil):
    service = BookableServiceFactory(agency=dukcapil, requires_approval=True)
    booking = book(service, 1, at(TUESDAY, 9))
    client.force_login(officer)
    url = reverse("appointments_booking:action", args=[booking.pk])
    client.post(url, {"action": "decline", "note": ""})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PENDING
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"action": "decline", "note": "Kuota perekaman hari itu sudah habis."})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED and booking.seat is None
    assert "Kuota perekaman" in mail.outbox[-1].body


def test_agenda_lists_the_day_in_time_order_and_exports(client, superuser):
    service = BookableServiceFactory()
    book(service, 1, at(TUESDAY, 11))
    book(service, 2, at(TUESDAY, 8, 30))
    book(service, 3, at(TUESDAY + datetime.timedelta(days=1), 9))
    client.force_login(superuser)
    index = client.get(reverse("appointments_booking:index")).content.decode()
    assert f'href="{reverse(AGENDA)}"' in index
    html = client.get(reverse(AGENDA), {"service": service.pk, "day": TUESDAY.isoformat()}).content.decode()
    assert html.index("Warga Uji 2") < html.index("Warga Uji 1")
    assert "Warga Uji 3" not in html
    csv = client.get(reverse("appointments_booking:index"), {"export": "csv", "service": service.pk})
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Warga Uji 1" in body and "Warga Uji 3" in body


def test_agency_staff_see_their_agencys_waitlists_read_only(client, officer, dukcapil):
    from smartcity.appointments import waitlist

    mine = BookableServiceFactory(agency=dukcapil, capacity_per_slot=1, hours=[(9, 0, 9, 30)])
    theirs = BookableServiceFactory(capacity_per_slot=1, hours=[(9, 0, 9, 30)])
    for service in (mine, theirs):
        book(service, 0, at(TUESDAY, 9))
    waiting = waitlist.join(service=mine, day=TUESDAY, data=person(1), now=NOW).entry
    other = waitlist.join(service=theirs, day=TUESDAY, data=person(2), now=NOW).entry
    client.force_login(officer)

    listing = client.get(reverse("appointments_waitlist:index"))
    assert listing.status_code == 200
    assert waiting.reference in listing.content.decode() and other.reference not in listing.content.decode()
    assert client.get(reverse("appointments_waitlist:inspect", args=[waiting.pk])).status_code == 200
    refused = client.get(reverse("appointments_waitlist:inspect", args=[other.pk]))
    assert refused.status_code != 200 and other.reference not in refused.content.decode()
    assert client.get(reverse("appointments_waitlist:edit", args=[waiting.pk])).status_code != 200
    export = client.get(reverse("appointments_waitlist:index"), {"export": "csv"})
    assert export.status_code == 200 and waiting.reference in b"".join(export.streaming_content).decode()


def test_an_officer_cannot_open_another_agencys_service_by_its_url(client, officer, dukcapil):
    """The snippet screens look a service up by its id: each refuses another agency's service."""
    mine = BookableServiceFactory(name="Perekaman KTP-el", agency=dukcapil)
    theirs = BookableServiceFactory(name="Audiensi dengan Wali Kota", capacity_per_slot=2)
    client.force_login(officer)
    prefix = "wagtailsnippets_appointments_bookableservice"
    assert client.get(reverse(f"{prefix}:edit", args=[mine.pk])).status_code == 200
    for view in ("edit", "history", "usage"):
        response = client.get(reverse(f"{prefix}:{view}", args=[theirs.pk]))
        assert response.status_code in (302, 403), view
        assert "Audiensi dengan Wali Kota" not in response.content.decode()
    response = client.post(
        reverse(f"{prefix}:edit", args=[theirs.pk]), {"name": "Diubah", "capacity_per_slot": 9}
    )
    assert response.status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.name == "Audiensi dengan Wali Kota" and theirs.capacity_per_slot == 2


def test_the_day_export_makes_citizen_text_inert_in_spreadsheets(client, officer, dukcapil):
    """A citizen's name or purpose starting a formula would run in the officer's spreadsheet."""
    import csv
    import io

    from openpyxl import load_workbook

    service = BookableServiceFactory(agency=dukcapil)
    services.book(
        service=service,
        start=at(TUESDAY, 9),
        data=person(1, name='=HYPERLINK("http://contoh.test","Budi")', purpose="@SUM(A1:A9)"),
        now=NOW,
    )
    client.force_login(officer)
    query = {"service": service.pk, "day": TUESDAY.isoformat()}
    response = client.get(reverse("appointments_booking:index"), {**query, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["Nama"], row["Keperluan"]) for row in rows] == [
        ('\'=HYPERLINK("http://contoh.test","Budi")', "'@SUM(A1:A9)")
    ]
    response = client.get(reverse("appointments_booking:index"), {**query, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row]
    assert '\'=HYPERLINK("http://contoh.test","Budi")' in cells and "'@SUM(A1:A9)" in cells
