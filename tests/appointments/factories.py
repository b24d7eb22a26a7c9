"""factory_boy factories and fixed dates for e-appointment tests."""

import datetime

import factory

from smartcity.appointments.models import BookableService, OpeningHours
from smartcity.core.working_days import WIB

# A fixed "now": Monday 1 February 2027, 08:00 WIB. Friday 5 February 2027 is cuti bersama
# (Lunar New Year joint holiday), so that week has a national day off in it.
NOW = datetime.datetime(2027, 2, 1, 8, 0, tzinfo=WIB)
TUESDAY = datetime.date(2027, 2, 2)
HOLIDAY_FRIDAY = datetime.date(2027, 2, 5)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WIB)


class BookableServiceFactory(factory.django.DjangoModelFactory):
    """A counter open Monday to Friday 08:00–12:00 and 13:00–15:00 (lunch break), 30-minute slots
    for two people each, bookable 30 days ahead until 2 hours before, changes until 24 hours before."""

    class Meta:
        model = BookableService
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Layanan uji {n}")
    slug = factory.Sequence(lambda n: f"layanan-uji-{n}")
    agency = factory.SubFactory("tests.factories.AgencyFactory")
    location = "Kantor Wali Kota Binjai, Jl. Jenderal Sudirman No. 6"
    what_to_bring = "KTP-el asli\nFotokopi Kartu Keluarga"
    slot_minutes = 30
    capacity_per_slot = 2

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        if not create:
            return
        ranges = extracted if extracted is not None else [(8, 0, 12, 0), (13, 0, 15, 0)]
        for weekday in range(5):
            for h1, m1, h2, m2 in ranges:
                OpeningHours.objects.create(
                    service=self,
                    weekday=weekday,
                    opens_at=datetime.time(h1, m1),
                    closes_at=datetime.time(h2, m2),
                )


def person(n: int = 0, **overrides) -> dict:
    data = {
        "name": f"Warga Uji {n}",
        "email": f"warga{n}@example.com",
        "phone": "",
        "nik": "",
        "purpose": "Konsultasi izin usaha mikro",
    }
    data.update(overrides)
    return data


def make_appointment_page(home_page):
    """/layanan/janji-temu/ under a ServiceIndexPage at /layanan/."""
    import wagtail_factories

    from smartcity.appointments.models import AppointmentPage
    from tests.factories import ServiceIndexPageFactory

    class AppointmentPageFactory(wagtail_factories.PageFactory):
        class Meta:
            model = AppointmentPage

    services_index = ServiceIndexPageFactory(parent=home_page)
    return AppointmentPageFactory(parent=services_index, title="Janji Temu", slug="janji-temu")


def booking_form_data(start, **overrides) -> dict:
    """A valid POST for the public booking form (the fill-time stamp is 10 seconds old)."""
    import time

    from smartcity.core.antispam import issue_stamp

    data = {
        "start": start.isoformat(),
        "name": "Siti Aminah",
        "email": "siti@example.com",
        "phone": "0812 3456 7890",
        "nik": "",
        "purpose": "Konsultasi izin usaha mikro",
        "consent": "on",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data
