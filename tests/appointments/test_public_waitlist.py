"""The waitlist on the site: the full day's link, the form (protected, keeps everything typed),
the entry page, and the offer's private link to accept (which books) or decline."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.test import TestCase

from smartcity.appointments import services
from smartcity.appointments.models import BookableService, Booking, OpeningHours, WaitlistEntry
from smartcity.core.antispam import issue_stamp
from smartcity.core.workflow import CITIZEN
from tests.appointments.factories import BookableServiceFactory, make_appointment_page, person

sending_mail = TestCase.captureOnCommitCallbacks

pytestmark = pytest.mark.django_db
BASE = "/layanan/janji-temu/"
JOIN = f"{BASE}sidang/daftar-tunggu/"


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def page(home_page):
    return make_appointment_page(home_page)


@pytest.fixture
def service(page):
    """One appointment a day, every day, for one person."""
    service = BookableServiceFactory(
        name="Sidang", slug="sidang", capacity_per_slot=1, hours=[], change_cutoff_hours=0
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(9, 30)
        )
    return BookableService.objects.get(pk=service.pk)


@pytest.fixture
def full_day(service):
    """The first bookable day, now taken; returns (day, the booking)."""
    slot = next(
        s for s in services.availability(service, datetime.date.min, datetime.date.max) if s.available
    )
    booking = services.book(service=service, start=slot.start, data=person(0), notify_citizen=False).booking
    return slot.start.date(), booking


def join_data(day, **overrides):
    data = {
        "day": day.isoformat(),
        "name": "Siti Aminah",
        "email": "siti@example.com",
        "phone": "0812 3456 7890",
        "purpose": "Sidang perizinan",
        "consent": "on",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data


def link_code(body: str, path: str) -> tuple[str, str]:
    match = re.search(rf"{path}#((?:DT|JT)-\d{{4}}-\d{{6}})\.([0-9A-Z-]+)", body)
    assert match, body
    return match[1], match[2]


def test_a_full_day_links_to_its_waitlist(client, service, full_day):
    day, _booking = full_day
    html = client.get(f"{BASE}sidang/").content.decode()
    assert f"{JOIN}?tanggal={day.isoformat()}" in html
    following = day + datetime.timedelta(days=1)
    assert f"?tanggal={following.isoformat()}" not in html  # a day with a free place


def test_joining_keeps_everything_typed_on_errors_and_redirects_to_the_entry(client, service, full_day):
    day, _booking = full_day
    form = client.get(f"{JOIN}?tanggal={day.isoformat()}")
    assert form.status_code == 200 and "no-store" in form["Cache-Control"]

    refused = client.post(JOIN, join_data(day, consent=""))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'value="Siti Aminah"' in html and "Sidang perizinan" in html and 'value="siti@example.com"' in html

    free_day = day + datetime.timedelta(days=1)
    on_free_day = client.post(JOIN, join_data(free_day))
    assert on_free_day.status_code == 400 and not WaitlistEntry.objects.exists()

    bot = client.post(JOIN, join_data(day, website="http://spam.example"))
    assert bot.status_code != 303 and not WaitlistEntry.objects.exists()

    mail.outbox.clear()
    with sending_mail(execute=True):
        joined = client.post(JOIN, join_data(day))
    assert joined.status_code == 303
    entry = WaitlistEntry.objects.get()
    assert joined["Location"].endswith(f"daftar-tunggu/{entry.reference}/")
    shown = client.get(joined["Location"])
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    assert (
        entry.reference in shown.content.decode() and 'class="waitlist-position">1<' in shown.content.decode()
    )
    code, token = link_code(mail.outbox[-1].body, "daftar-tunggu/buka/")
    assert code == entry.reference and entry.matches_token(token)


def test_the_offer_link_opens_the_offer_and_accepting_books_the_place(client, service, full_day):
    day, booking = full_day
    with sending_mail(execute=True):
        assert client.post(JOIN, join_data(day)).status_code == 303
    entry = WaitlistEntry.objects.get()
    old_token = link_code(mail.outbox[-1].body, "daftar-tunggu/buka/")[1]

    mail.outbox.clear()
    with sending_mail(execute=True):
        services.cancel(booking, CITIZEN)
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.OFFERED
    offer = next(m for m in mail.outbox if m.to == ["siti@example.com"])
    code, token = link_code(offer.body, "daftar-tunggu/buka/")

    from django.test import Client

    phone = Client()  # the citizen opens the e-mailed link on another device
    assert phone.get(f"{BASE}daftar-tunggu/{code}/").status_code == 404
    assert phone.post(f"{BASE}daftar-tunggu/buka/", {"code": code, "token": old_token}).status_code == 400
    opened = phone.post(f"{BASE}daftar-tunggu/buka/", {"code": code, "token": token})
    assert opened.status_code == 302
    html = phone.get(opened["Location"]).content.decode()
    assert 'value="accept"' in html and 'value="decline"' in html

    mail.outbox.clear()
    with sending_mail(execute=True):
        accepted = phone.post(opened["Location"], {"action": "accept"})
    assert accepted.status_code == 303
    new_booking = Booking.objects.holding().get(starts_at=booking.starts_at)
    # The booking's e-mail carries its private link: kelola/#<code>.<access code>.
    booked_code, access_code = link_code(mail.outbox[-1].body, "kelola/")
    assert booked_code == new_booking.reference and new_booking.matches_token(access_code)
    assert accepted["Location"].endswith(f"kode/{new_booking.reference}/")
    assert new_booking.email == "siti@example.com" and new_booking.purpose == "Sidang perizinan"
    assert phone.get(accepted["Location"]).status_code == 200
    again = phone.post(opened["Location"], {"action": "accept"}, follow=True)
    assert Booking.objects.holding().filter(starts_at=booking.starts_at).count() == 1
    assert again.status_code == 200


def test_declining_passes_the_place_on_and_leaving_takes_the_name_off(client, service, full_day):
    from django.test import Client

    day, booking = full_day
    first, second = client, Client()
    assert first.post(JOIN, join_data(day)).status_code == 303
    assert second.post(JOIN, join_data(day, email="budi@example.com", phone="")).status_code == 303
    entry_one, entry_two = WaitlistEntry.objects.order_by("pk")
    services.cancel(booking, CITIZEN)

    first.post(f"{BASE}daftar-tunggu/{entry_one.reference}/", {"action": "decline"})
    entry_one.refresh_from_db()
    entry_two.refresh_from_db()
    assert entry_one.status == WaitlistEntry.Status.DECLINED
    assert entry_two.status == WaitlistEntry.Status.OFFERED

    third = Client()
    other_day = day + datetime.timedelta(days=1)
    services.book(
        service=service,
        start=services.availability(service, other_day, other_day)[0].start,
        data=person(9),
        notify_citizen=False,
    )
    assert third.post(JOIN, join_data(other_day, email="c@example.com", phone="")).status_code == 303
    entry_three = WaitlistEntry.objects.get(email="c@example.com")
    third.post(f"{BASE}daftar-tunggu/{entry_three.reference}/", {"action": "leave"})
    entry_three.refresh_from_db()
    assert entry_three.status == WaitlistEntry.Status.LEFT
    assert entry_three.events.filter(from_status="waiting", to_status="left", by_citizen=True).exists()
