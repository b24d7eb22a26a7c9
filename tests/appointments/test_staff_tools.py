"""Staff tools in the admin: booking on a citizen's behalf, closing a day or a period (every
booked citizen told once, nothing bookable afterwards), the week agenda, the printable day list
and the day's export. Agency staff work only on their agency's services."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from smartcity.appointments import services
from smartcity.appointments.models import BookableService, Booking, OpeningHours, ServiceClosure
from smartcity.core import sms
from smartcity.core.models import Agency
from smartcity.core.working_days import WIB
from tests.appointments.factories import (
    NOW,
    TUESDAY,
    BookableServiceFactory,
    at,
    make_appointment_page,
    person,
)
from tests.complaints.factories import StaffMemberFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
sending = TestCase.captureOnCommitCallbacks


@pytest.fixture
def dukcapil(db):
    return Agency.objects.get(short_name="Disdukcapil")


@pytest.fixture
def officer(dukcapil):
    user = UserFactory(username="petugas-dukcapil", groups=["Agency officers"])
    StaffMemberFactory(agency=dukcapil, user=user)
    return user


def open_every_day(**kwargs) -> BookableService:
    """A service open 08:00–16:00 every day, so tests against the real clock find free times."""
    service = BookableServiceFactory(hours=[], change_cutoff_hours=0, **kwargs)
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(16)
        )
    return BookableService.objects.get(pk=service.pk)


def a_free_day(service) -> datetime.date:
    """A day at least two days ahead with free slots (skips holidays on the real calendar)."""
    today = timezone.localtime(timezone.now(), WIB).date()
    for slot in services.availability(
        service, today + datetime.timedelta(days=2), today + datetime.timedelta(days=20)
    ):
        if slot.available:
            return slot.start.astimezone(WIB).date()
    raise AssertionError("no free day")


def book(service, n, start, now=None, **overrides):
    with sending(execute=True):
        return services.book(service=service, start=start, data=person(n, **overrides), now=now).booking


# --- Booking on a citizen's behalf -----------------------------------------------------------------


def test_staff_book_a_free_time_for_a_caller_who_gets_the_code_and_staff_see_both_codes(
    client, officer, dukcapil
):
    service = open_every_day(agency=dukcapil, capacity_per_slot=1, requires_approval=True)
    day = a_free_day(service)
    client.force_login(officer)
    url = reverse("appointments_booking:book")
    form = client.get(url, {"service": service.pk, "day": day.isoformat()})
    assert form.status_code == 200
    html = form.content.decode()
    first = services.availability(service, day, day)[0]
    assert f'value="{first.start.isoformat()}"' in html and "08:00" in html
    data = {
        "service": service.pk,
        "day": day.isoformat(),
        "start": first.start.isoformat(),
        "name": "Pak Darmo",
        "email": "",
        "phone": "0812 3456 7890",
        "nik": "",
        "purpose": "Perekaman KTP-el, datang lewat telepon",
        "consent": "on",
    }
    with sending(execute=True):
        response = client.post(url, data)
    booking = Booking.objects.get(name="Pak Darmo")
    assert response.status_code == 302 and response.url == reverse(
        "appointments_booking:booked", args=[booking.pk]
    )
    # Booked by staff: confirmed at once even where citizens need approval, staff in the history.
    assert booking.source == Booking.Source.STAFF and booking.status == Booking.Status.CONFIRMED
    assert booking.phone == "+6281234567890" and booking.starts_at == first.start
    created = booking.events.get()
    assert created.actor == officer and not created.by_citizen
    # The citizen got the code by text message; staff see it and the access code to read out.
    assert [m.to for m in sms.outbox] == ["+6281234567890"] and booking.reference in sms.outbox[0].body
    page = client.get(response.url)
    assert "no-store" in page["Cache-Control"]
    shown = page.content.decode()
    token = re.search(r'class="access-code">([^<]+)<', shown)[1]
    assert booking.reference in shown and booking.matches_token(token)


def test_staff_booking_sends_the_private_link_by_e_mail(client, superuser, home_page):
    make_appointment_page(home_page).save_revision().publish()
    service = open_every_day()
    day = a_free_day(service)
    start = services.availability(service, day, day)[0].start
    client.force_login(superuser)
    with sending(execute=True):
        client.post(
            reverse("appointments_booking:book"),
            {
                "service": service.pk,
                "day": day,
                "start": start.isoformat(),
                "name": "Bu Ani",
                "email": "ani@example.com",
                "purpose": "Konsultasi",
                "consent": "on",
            },
        )
    booking = Booking.objects.get(name="Bu Ani")
    assert mail.outbox[-1].to == ["ani@example.com"]
    # The private link opens the booking: code and access code after "#", never sent to the server.
    link = re.search(r"/layanan/janji-temu/kelola/#(JT-\d{4}-\d{6})\.(\S+)", mail.outbox[-1].body)
    assert link[1] == booking.reference and booking.matches_token(link[2])


def test_staff_booking_goes_through_the_capacity_check_and_keeps_what_was_typed(client, officer, dukcapil):
    service = open_every_day(agency=dukcapil, capacity_per_slot=1)
    day = a_free_day(service)
    slots = services.availability(service, day, day)
    book(service, 1, slots[0].start)  # someone took it meanwhile
    client.force_login(officer)
    response = client.post(
        reverse("appointments_booking:book"),
        {
            "service": service.pk,
            "day": day.isoformat(),
            "start": slots[0].start.isoformat(),
            "name": "Pak Darmo",
            "phone": "0812 3456 7890",
            "purpose": "Konsultasi",
            "consent": "on",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Pak Darmo" in html and slots[1].start.isoformat() in html
    assert Booking.objects.filter(service=service).count() == 1
    # Nothing without consent, a contact or a time; the form says why.
    response = client.post(
        reverse("appointments_booking:book"),
        {"service": service.pk, "day": day.isoformat(), "name": "Pak Darmo", "purpose": "x"},
    )
    assert response.status_code == 400 and Booking.objects.filter(service=service).count() == 1


def test_agency_staff_cannot_book_or_close_another_agencys_service(client, officer):
    theirs = open_every_day(name="Audiensi dengan Wali Kota")
    day = a_free_day(theirs)
    client.force_login(officer)
    for name in ("book", "close", "week", "agenda"):
        response = client.get(reverse(f"appointments_booking:{name}"), {"service": theirs.pk, "day": day})
        assert response.status_code == 404, name
    start = services.availability(theirs, day, day)[0].start
    response = client.post(
        reverse("appointments_booking:book"),
        {
            "service": theirs.pk,
            "day": day,
            "start": start.isoformat(),
            "name": "X",
            "email": "x@example.com",
            "purpose": "x",
            "consent": "on",
        },
    )
    assert response.status_code == 404
    response = client.post(
        reverse("appointments_booking:close"), {"service": theirs.pk, "day": day, "reason": "x"}
    )
    assert response.status_code == 404
    assert not Booking.objects.exists() and not ServiceClosure.objects.exists()


def test_users_without_the_bookings_permission_get_nothing(client, dukcapil):
    user = UserFactory(username="redaksi", groups=["Communications editors"])
    StaffMemberFactory(agency=dukcapil, user=user)
    open_every_day(agency=dukcapil)
    client.force_login(user)
    for name in ("book", "close", "week", "agenda"):
        assert client.get(reverse(f"appointments_booking:{name}")).status_code in (302, 403), name


# --- Closing a day or a period -------------------------------------------------------------------


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_closing_a_day_cancels_everyone_booked_tells_each_once_and_nothing_can_be_booked(
    officer, dukcapil, english
):
    service = BookableServiceFactory(agency=dukcapil, capacity_per_slot=2)
    booked = [
        book(service, 1, at(TUESDAY, 9), now=NOW, phone="+6281211112222"),
        book(service, 2, at(TUESDAY, 9), now=NOW),
        book(service, 3, at(TUESDAY, 14), now=NOW, email="", phone="+6281333334444"),
    ]
    other_day = book(service, 4, at(TUESDAY + datetime.timedelta(days=1), 9), now=NOW)
    mail.outbox.clear()
    sms.outbox.clear()
    with sending(execute=True):
        result = services.close_period(
            service, TUESDAY, reason="Gangguan listrik di kantor", actor=officer, now=NOW
        )
    assert {b.pk for b in result.cancelled} == {b.pk for b in booked}
    for booking in booked:
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED and booking.seat is None
        event = booking.events.latest("pk")
        assert (event.to_status, event.actor, event.note) == (
            "cancelled",
            officer,
            "Gangguan listrik di kantor",
        )
    other_day.refresh_from_db()
    assert other_day.status == Booking.Status.CONFIRMED
    # Exactly one notice per citizen: one e-mail per address, one text per phone.
    assert sorted(m.to[0] for m in mail.outbox) == ["warga1@example.com", "warga2@example.com"]
    assert sorted(m.to for m in sms.outbox) == ["+6281211112222", "+6281333334444"]
    assert all("Gangguan listrik" in m.body for m in mail.outbox + sms.outbox)
    # Nothing can be booked there afterwards, through any way in.
    assert services.availability(service, TUESDAY, TUESDAY, now=NOW) == []
    with pytest.raises(ValidationError) as error:
        book(service, 9, at(TUESDAY, 10), now=NOW)
    assert "closed" in " ".join(error.value.message_dict["start"])
    closure = ServiceClosure.objects.get(service=service)
    assert closure.is_whole_day and closure.reason == "Gangguan listrik di kantor"


def test_closing_a_period_cancels_only_the_slots_in_it(officer, dukcapil, english):
    service = BookableServiceFactory(agency=dukcapil)
    early, inside, late = (book(service, n, at(TUESDAY, h), now=NOW) for n, h in ((1, 8), (2, 10), (3, 14)))
    with sending(execute=True):
        result = services.close_period(
            service,
            TUESDAY,
            reason="Rapat dinas",
            actor=officer,
            since=datetime.time(9, 30),
            until=datetime.time(12),
            now=NOW,
        )
    assert [b.pk for b in result.cancelled] == [inside.pk]
    starts = [s.start for s in services.availability(service, TUESDAY, TUESDAY, now=NOW)]
    assert at(TUESDAY, 9) in starts and at(TUESDAY, 13) in starts
    assert not [s for s in starts if at(TUESDAY, 9, 30) <= s < at(TUESDAY, 12)]
    with pytest.raises(ValidationError):
        book(service, 9, at(TUESDAY, 11), now=NOW)
    for booking, status in ((early, "confirmed"), (inside, "cancelled"), (late, "confirmed")):
        booking.refresh_from_db()
        assert booking.status == status
    assert [m.to for m in mail.outbox if "Rapat dinas" in m.body] == [["warga2@example.com"]]


def test_closing_needs_a_reason_a_whole_period_and_a_day_not_past(officer, dukcapil, english):
    service = BookableServiceFactory(agency=dukcapil)
    for kwargs in (
        {"day": TUESDAY, "reason": "  "},
        {"day": TUESDAY, "reason": "x", "since": datetime.time(9)},
        {"day": TUESDAY, "reason": "x", "since": datetime.time(9), "until": datetime.time(8)},
        {"day": NOW.date() - datetime.timedelta(days=1), "reason": "x"},
    ):
        day = kwargs.pop("day")
        with pytest.raises(ValidationError):
            services.close_period(service, day, actor=officer, now=NOW, **kwargs)
    assert not ServiceClosure.objects.exists()


def test_close_from_the_admin_tells_everyone_and_the_agenda_shows_the_closure(client, officer, dukcapil):
    service = open_every_day(agency=dukcapil)
    day = a_free_day(service)
    slots = services.availability(service, day, day)
    first, second = book(service, 1, slots[0].start), book(service, 2, slots[3].start, phone="+6281255556666")
    client.force_login(officer)
    url = reverse("appointments_booking:close")
    form = client.get(url, {"service": service.pk, "day": day.isoformat()})
    assert form.status_code == 200 and "2" in form.content.decode()
    mail.outbox.clear()
    sms.outbox.clear()
    missing = client.post(url, {"service": service.pk, "day": day.isoformat(), "reason": ""})
    assert missing.status_code == 400 and not ServiceClosure.objects.exists()
    with sending(execute=True):
        response = client.post(
            url,
            {"service": service.pk, "day": day.isoformat(), "reason": "Kepala dinas bertugas ke luar kota"},
        )
    assert response.status_code == 302
    for booking in (first, second):
        booking.refresh_from_db()
        assert booking.status == Booking.Status.CANCELLED
    assert len(mail.outbox) == 2 and len(sms.outbox) == 1
    agenda = client.get(response.url).content.decode()
    assert "Kepala dinas bertugas ke luar kota" in agenda
    week = client.get(
        reverse("appointments_booking:week"), {"service": service.pk, "day": day}
    ).content.decode()
    assert "Kepala dinas bertugas ke luar kota" in week
    # The public booking API refuses the closed day too.
    api = client.post(
        "/api/v1/appointments/bookings/",
        {
            "service": service.slug,
            "start": slots[5].start.isoformat(),
            "name": "Siti",
            "email": "s@example.com",
            "purpose": "x",
            "consent": True,
        },
        content_type="application/json",
    )
    assert api.status_code == 400 and "start" in api.json()


# --- Week agenda, printable list, export ----------------------------------------------------------


def test_week_agenda_counts_places_per_slot_and_moves_between_weeks(
    client, officer, dukcapil, django_assert_max_num_queries
):
    service = open_every_day(agency=dukcapil, capacity_per_slot=3)
    day = a_free_day(service)
    slots = services.availability(service, day, day)
    for n in range(3):
        book(service, n, slots[1].start)
    book(service, 5, slots[2].start)
    client.force_login(officer)
    url = reverse("appointments_booking:week")
    with django_assert_max_num_queries(25):
        response = client.get(url, {"service": service.pk, "day": day.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'slot-count slot-full">\s*3 / 3', html)
    assert re.search(r'slot-count">\s*1 / 3', html)
    monday = day - datetime.timedelta(days=day.weekday())
    assert monday.isoformat() in html and (monday + datetime.timedelta(days=6)).isoformat() in html
    next_monday = (monday + datetime.timedelta(days=7)).isoformat()
    previous_monday = (monday - datetime.timedelta(days=7)).isoformat()
    assert f"day={next_monday}" in html and f"day={previous_monday}" in html
    following = client.get(url, {"service": service.pk, "day": next_monday}).content.decode()
    assert "3 / 3" not in following and "0 / 3" in following
    # Each day links to its day agenda.
    assert f"{reverse('appointments_booking:agenda')}?service={service.pk}&amp;day={day.isoformat()}" in html


def test_day_agenda_links_to_the_tools_prints_and_exports_the_day(client, superuser):
    service = open_every_day(name="Konsultasi perizinan")
    day = a_free_day(service)
    slots = services.availability(service, day, day)
    book(service, 1, slots[2].start, phone="+6281211112222")
    book(service, 2, slots[0].start)
    book(service, 3, slots[0].start + datetime.timedelta(days=1))
    client.force_login(superuser)
    agenda = client.get(reverse("appointments_booking:agenda"), {"service": service.pk, "day": day})
    html = agenda.content.decode()
    for name in ("week", "book", "close"):
        assert reverse(f"appointments_booking:{name}") in html
    printed = client.get(
        reverse("appointments_booking:agenda"), {"service": service.pk, "day": day, "cetak": "1"}
    )
    text = printed.content.decode()
    assert "Konsultasi perizinan" in text and "+6281211112222" in text
    assert text.index("Warga Uji 2") < text.index("Warga Uji 1") and "Warga Uji 3" not in text
    assert "<script" not in text and "sidebar" not in text
    xlsx_link = re.search(r'href="([^"]*export=xlsx[^"]*)"', html)[1].replace("&amp;", "&")
    csv_link = re.search(r'href="([^"]*export=csv[^"]*)"', html)[1].replace("&amp;", "&")
    csv = client.get(csv_link)
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Warga Uji 1" in body and "Warga Uji 2" in body and "Warga Uji 3" not in body
    xlsx = client.get(xlsx_link)
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_check_in_done_and_no_show_from_the_agenda(client, officer, dukcapil):
    service = BookableServiceFactory(agency=dukcapil, capacity_per_slot=3)
    past = datetime.datetime.combine(
        timezone.localtime(timezone.now(), WIB).date() - datetime.timedelta(days=1),
        datetime.time(9),
        tzinfo=WIB,
    )
    arrived, absent = (
        Booking.objects.create(
            reference=f"JT-2026-99999{n}",
            access_token_hash="x",
            agency=dukcapil,
            service=service,
            starts_at=past,
            ends_at=past + datetime.timedelta(minutes=30),
            day=past.date(),
            seat=n,
            slot_capacity=3,
            name=f"Datang {n}",
            email="d@example.com",
            purpose="x",
            consent_at=past,
        )
        for n in (1, 2)
    )
    client.force_login(officer)
    agenda = client.get(reverse("appointments_booking:agenda"), {"service": service.pk, "day": past.date()})
    html = agenda.content.decode()
    assert 'value="check_in"' in html and 'value="no_show"' in html
    action = "appointments_booking:action"
    client.post(reverse(action, args=[arrived.pk]), {"action": "check_in"})
    client.post(reverse(action, args=[arrived.pk]), {"action": "complete"})
    client.post(reverse(action, args=[absent.pk]), {"action": "no_show"})
    arrived.refresh_from_db()
    absent.refresh_from_db()
    assert (arrived.status, arrived.queue_number) == ("done", 1)
    assert absent.status == "no_show" and absent.seat == 2  # the place stays counted


def test_closing_a_full_day_ends_its_waitlist_and_tells_each_waiting_citizen_once(officer, dukcapil, english):
    from smartcity.appointments import waitlist
    from smartcity.appointments.models import WaitlistEntry

    service = BookableServiceFactory(agency=dukcapil, capacity_per_slot=1, hours=[(9, 0, 9, 30)])
    booked = book(service, 1, at(TUESDAY, 9), now=NOW)
    with sending(execute=True):
        waiting = [waitlist.join(service=service, day=TUESDAY, data=person(n), now=NOW).entry for n in (2, 3)]
    mail.outbox.clear()
    with sending(execute=True):
        services.close_period(service, TUESDAY, reason="Banjir di depan kantor", actor=officer, now=NOW)
    booked.refresh_from_db()
    assert booked.status == Booking.Status.CANCELLED
    for entry in waiting:
        entry.refresh_from_db()
        assert entry.status == WaitlistEntry.Status.LEFT
        assert entry.events.latest("pk").note == "Banjir di depan kantor"
    # One notice each: the booked citizen about the booking, the two waiting about the list.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "warga1@example.com",
        "warga2@example.com",
        "warga3@example.com",
    ]
    assert all("Banjir di depan kantor" in m.body for m in mail.outbox)
    # The freed place was offered to nobody: the day is closed.
    assert not WaitlistEntry.objects.filter(status=WaitlistEntry.Status.OFFERED).exists()


def _service_form_with_closure(client, service, day: datetime.date, reason: str) -> dict:
    """The service's edit form as the browser would send it, plus one new closure row."""
    from wagtail.test.utils.form_data import querydict_from_html

    url = reverse("wagtailsnippets_appointments_bookableservice:edit", args=[service.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    new = int(data["closures-TOTAL_FORMS"])
    data["closures-TOTAL_FORMS"] = str(new + 1)
    data[f"closures-{new}-date"] = day.isoformat()
    data[f"closures-{new}-reason"] = reason
    data[f"closures-{new}-id"] = ""
    return url, data


def test_a_closure_typed_into_the_service_form_may_not_hide_booked_citizens(client, superuser):
    """Only "Close a day" cancels bookings with a notice; the service form refuses a closure over
    bookings instead of leaving those citizens to come to a closed office."""
    service = open_every_day()
    day = a_free_day(service)
    slot = next(s for s in services.availability(service, day, day) if s.available)
    services.book(service=service, start=slot.start, data=person(1))
    free_day = day + datetime.timedelta(days=1)
    client.force_login(superuser)

    url, data = _service_form_with_closure(client, service, day, "Rapat dinas")
    refused = client.post(url, data)

    assert refused.status_code == 200
    assert "booking falls in this closure" in refused.content.decode() or "jatuh pada penutupan" in (
        refused.content.decode()
    )
    assert not ServiceClosure.objects.filter(service=service).exists()

    url, data = _service_form_with_closure(client, service, free_day, "Rapat dinas")
    saved = client.post(url, data)

    assert saved.status_code == 302
    assert list(ServiceClosure.objects.filter(service=service).values_list("date", flat=True)) == [free_day]
