"""`seed_demo`'s e-appointment part: the page, three services and weeks of bookings in every state."""

from collections import Counter

from django.core.management import call_command

from smartcity.appointments.models import AppointmentPage, BookableService, Booking, WaitlistEntry

from . import pytestmark  # noqa: F401 - pytestmark marks this module


def test_seed_demo_adds_services_and_bookings_in_every_state_without_overbooking(seeded, client):
    assert AppointmentPage.current().url == "/layanan/janji-temu/"
    assert BookableService.objects.count() == 3
    states = Counter(Booking.objects.values_list("status", flat=True))
    assert set(states) == set(Booking.Status.values), states
    for service in BookableService.objects.all():
        held = Counter(Booking.objects.holding().filter(service=service).values_list("starts_at", flat=True))
        assert max(held.values()) <= service.capacity_per_slot
    page = client.get("/layanan/janji-temu/")
    assert page.status_code == 200 and "Perekaman KTP-el" in page.content.decode()
    # A full day with its waitlist: the first in line holds the freed place.
    assert sorted(WaitlistEntry.objects.values_list("status", flat=True)) == ["offered", "waiting", "waiting"]
    offered = WaitlistEntry.objects.get(status="offered")
    assert not Booking.objects.holding().filter(starts_at=offered.offered_start).exists()
    # Seeding again adds nothing.
    before = Booking.objects.count()
    call_command("seed_demo", quiet=True)
    assert Booking.objects.count() == before and WaitlistEntry.objects.count() == 3
