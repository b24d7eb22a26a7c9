"""Demo data for e-appointment (``manage.py seed_demo``): the page, three services, bookings.

* ``/layanan/janji-temu/``, the service page;
* "Audiensi dengan Wali Kota" (Setda, needs approval), "Konsultasi perizinan" (DPMPTSP) and
  "Perekaman KTP-el" (Disdukcapil, Saturdays too, a daily quota);
* bookings from two weeks back to three weeks ahead in every state: done, no-show, checked in,
  confirmed, awaiting approval, declined, cancelled, expired;
* a full day of the audience with the mayor with people on its waitlist, the first one offered a
  freed place; "Konsultasi perizinan" asks citizens to confirm after the reminder.

Everything goes through ``services`` and the workflow, so the demo obeys the same capacity
rules and leaves the same history as real use. Idempotent: nothing is added twice.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from smartcity.core.models import Agency
from smartcity.core.workflow import SYSTEM
from smartcity.core.working_days import WIB

from . import services, waitlist
from .models import AppointmentPage, BookableService, Booking, OpeningHours, WaitlistEntry
from .workflow import BOOKING_WORKFLOW

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

PAGE_TITLE = "Janji Temu"
PAGE_SLUG = "janji-temu"
PAGE_INTRO = (
    "Pesan waktu bertemu pejabat atau dilayani di loket Pemerintah Kota Binjai tanpa antre lama: "
    "pilih layanan, pilih jam yang masih kosong, dan datang membawa kode pemesanan Anda."
)

# The English version of the page (seed_demo's localisation step, see home.demo.builder).
ENGLISH_PAGE = {
    "slug": "appointments",
    "title": "Appointments",
    "intro": (
        "Book a time to meet an official or to be served at a counter of the City Government of Binjai "
        "without a long wait: choose a service, pick a free time and bring your booking code."
    ),
    "search_description": "Book appointments with officials and service counters of the City of Binjai.",
    "body": [],
}

SERVICES = [
    {
        "name": "Audiensi dengan Wali Kota",
        "slug": "audiensi-wali-kota",
        "agency": "Setda",
        "location": "Kantor Wali Kota Binjai, Jl. Jenderal Sudirman No. 6, Binjai",
        "directions": "Lantai 2, ruang tunggu Bagian Protokol dan Komunikasi Pimpinan.",
        "what_to_bring": "KTP-el asli\nSurat permohonan audiensi (bila mewakili lembaga)",
        "purpose_options": "Menyampaikan aspirasi\nUndangan kegiatan\nKoordinasi lembaga",
        "purpose_help": "Jelaskan singkat pokok pembicaraan agar Wali Kota dapat mempersiapkannya.",
        "slot_minutes": 30,
        "capacity_per_slot": 1,
        "daily_quota": 4,
        "days_ahead": 30,
        "hours_before": 24,
        "change_cutoff_hours": 24,
        "requires_approval": True,
        "hours": {1: [(9, 0, 11, 0)], 3: [(9, 0, 11, 0)]},
    },
    {
        "name": "Konsultasi perizinan",
        "slug": "konsultasi-perizinan",
        "agency": "DPMPTSP",
        "location": "Mal Pelayanan Publik Kota Binjai, Jl. Jenderal Gatot Subroto, Binjai",
        "directions": "Loket konsultasi nomor 3, lantai dasar.",
        "what_to_bring": "KTP-el\nNIB (bila sudah ada)\nDokumen rencana usaha",
        "slot_minutes": 30,
        "capacity_per_slot": 2,
        "daily_quota": 20,
        "days_ahead": 21,
        "hours_before": 2,
        "change_cutoff_hours": 4,
        "requires_citizen_confirmation": True,
        "confirmation_deadline_hours": 3,
        "hours": {d: [(8, 0, 12, 0), (13, 0, 15, 0)] for d in range(5)},
    },
    {
        "name": "Perekaman KTP-el",
        "slug": "perekaman-ktp-el",
        "agency": "Disdukcapil",
        "location": "Kantor Disdukcapil Kota Binjai, Jl. Jamin Ginting, Binjai",
        "directions": "Ruang perekaman, ambil nomor antrean di meja informasi dengan kode pemesanan.",
        "what_to_bring": "Fotokopi Kartu Keluarga\nSurat pengantar kelurahan (bila pindah datang)",
        "slot_minutes": 15,
        "capacity_per_slot": 3,
        "daily_quota": 60,
        "days_ahead": 14,
        "hours_before": 1,
        "change_cutoff_hours": 2,
        "hours": {**{d: [(8, 0, 12, 0), (13, 0, 15, 30)] for d in range(5)}, 5: [(8, 0, 12, 0)]},
    },
]

FIRST_NAMES = ["Siti", "Budi", "Rina", "Ahmad", "Dewi", "Rahmat", "Nur", "Putri", "Hendra", "Lestari"]
LAST_NAMES = ["Aminah", "Santoso", "Siregar", "Nasution", "Lubis", "Harahap", "Ginting", "Sembiring"]


def seed_appointments(seeder: DemoSeeder) -> None:
    """The page (linked from the home page's tile), the services and some weeks of bookings
    (idempotent)."""
    seeder.link_service_tile("calendar", seed_page(seeder))
    created = [seed_service(spec) for spec in SERVICES]
    seeder.report.created["bookable services"] += sum(created)
    seeder.report.present["bookable services"] += len(created) - sum(created)
    if Booking.objects.exists():
        seeder.report.present["bookings"] += Booking.objects.count()
    else:
        seeder.report.created["bookings"] += BookingGenerator().run()
    if WaitlistEntry.objects.exists():
        seeder.report.present["waitlist entries"] += WaitlistEntry.objects.count()
    else:
        seeder.report.created["waitlist entries"] += seed_waitlist()


def seed_waitlist() -> int:
    """Fill the mayor's next open day, put three people on its waitlist and free one place, so
    the first of them holds an offer (through the services, like real use; no e-mails)."""
    service = BookableService.objects.filter(slug="audiensi-wali-kota").first()
    if service is None:
        return 0
    window = service.booking_window()
    days = sorted({s.start.date() for s in services.availability(service, window.first_day, window.last_day)})
    if not days:
        return 0
    day = days[-1]  # the furthest day: its places are the least likely to be taken already
    booked = []
    for n, slot in enumerate(services.availability(service, day, day)):
        for _place in range(slot.available):
            data = {
                "name": "Warga Demo",
                "email": f"audiensi.demo{n}.{_place}@example.com",
                "phone": "",
                "nik": "",
                "purpose": service.purpose_choices()[0] if service.purpose_choices() else "Audiensi",
            }
            try:
                booked.append(
                    services.book(service=service, start=slot.start, data=data, notify_citizen=False).booking
                )
            except (services.SlotTaken, ValidationError):
                continue
    if not waitlist.day_is_full(service, day):
        return 0
    names = ["Rina Siregar", "Hendra Ginting", "Putri Lubis"]
    for n, name in enumerate(names):
        data = {
            "name": name,
            "email": f"daftar.tunggu{n}@example.com",
            "phone": "",
            "purpose": "Menyampaikan aspirasi",
        }
        waitlist.join(service=service, day=day, data=data, notify_citizen=False)
    staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if booked and staff is not None:
        BOOKING_WORKFLOW.apply(booked[0], "cancel", staff, note="Dibatalkan oleh warga melalui telepon.")
        waitlist.offer_free_places(service, day, notify_citizen=False)
    return len(names)


def seed_page(seeder: DemoSeeder) -> AppointmentPage:
    existing = AppointmentPage.objects.first()
    seeder.report.count("pages", existing is None)
    if existing is not None:
        return existing
    page = AppointmentPage(
        title=PAGE_TITLE,
        slug=PAGE_SLUG,
        intro=PAGE_INTRO,
        search_description="Pesan janji temu dengan pejabat dan loket layanan Pemerintah Kota Binjai.",
        show_in_menus=True,
        live=False,
        owner=seeder.editor,
    )
    seeder.page_at("/layanan/").add_child(instance=page)
    seeder.publish(page)
    return page


def seed_service(spec: dict) -> bool:
    if BookableService.objects.filter(slug=spec["slug"]).exists():
        return False
    fields = {k: v for k, v in spec.items() if k not in ("agency", "hours")}
    service = BookableService.objects.create(agency=Agency.objects.get(short_name=spec["agency"]), **fields)
    for weekday, ranges in spec["hours"].items():
        for h1, m1, h2, m2 in ranges:
            OpeningHours.objects.create(
                service=service,
                weekday=weekday,
                opens_at=datetime.time(h1, m1),
                closes_at=datetime.time(h2, m2),
            )
    return True


class BookingGenerator:
    """Books through the service as if from the past, then plays each booking's story."""

    def __init__(self, seed: int = 9):
        self.random = random.Random(seed)  # noqa: S311 - demo data, not security
        self.staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        self.now = timezone.now()
        self.count = 0
        self.served: list[Booking] = []  # checked in, to be marked done at the end

    def run(self) -> int:
        for service in BookableService.objects.all():
            for days_back in range(14, -1, -1):
                self.book_day(service, booked_at=self.now - datetime.timedelta(days=days_back))
        # The latest visitor is still being served (checked in), whatever the hour of the seed.
        self.served.sort(key=lambda booking: booking.starts_at)
        for booking in self.served[:-1]:
            BOOKING_WORKFLOW.apply(booking, "complete", self.staff)
        return self.count

    def book_day(self, service: BookableService, booked_at: datetime.datetime) -> None:
        window = service.booking_window(booked_at)
        slots = [
            s
            for s in services.availability(service, window.first_day, window.last_day, now=booked_at)
            if s.available
        ]
        for slot in self.random.sample(slots, min(len(slots), self.random.randint(1, 3))):
            self.book(service, slot.start, booked_at)

    def book(self, service, start, booked_at) -> None:
        n = self.count
        name = f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"
        purposes = service.purpose_choices() or ["Konsultasi izin usaha mikro", "Perekaman KTP-el pertama"]
        try:
            result = services.book(
                service=service,
                start=start,
                data={
                    "name": name,
                    "email": f"warga.demo{n}@example.com",
                    "phone": "",
                    "nik": "",
                    "purpose": self.random.choice(purposes),
                },
                now=booked_at,
                notify_citizen=False,
            )
        except (services.SlotTaken, ValidationError):  # e.g. a contact limit: the demo skips the slot
            return
        self.count += 1
        Booking.objects.filter(pk=result.booking.pk).update(created_at=booked_at)
        self.play(result.booking)

    def play(self, booking: Booking) -> None:
        """Give the booking a plausible story for its time: past ones were kept or missed."""
        roll = self.random.random()
        past = booking.starts_at < self.now
        if booking.status == Booking.Status.PENDING:
            if past or roll < 0.2:
                BOOKING_WORKFLOW.apply(booking, "expire", SYSTEM, is_public=True)
                return
            if roll < 0.35:
                BOOKING_WORKFLOW.apply(booking, "decline", self.staff, note="Jadwal Wali Kota berubah.")
                return
            if roll < 0.7:
                return  # still awaiting approval
            BOOKING_WORKFLOW.apply(booking, "approve", self.staff)
        if roll > 0.92:
            BOOKING_WORKFLOW.apply(
                booking, "cancel", self.staff, note="Dibatalkan oleh warga melalui telepon."
            )
            return
        if not past:
            return
        if roll < 0.15:
            BOOKING_WORKFLOW.apply(booking, "no_show", self.staff)
            return
        BOOKING_WORKFLOW.apply(booking, "check_in", self.staff)
        if booking.starts_at.astimezone(WIB).date() < self.now.astimezone(WIB).date() or roll < 0.6:
            self.served.append(booking)
