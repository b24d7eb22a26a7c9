"""The law's deadlines in working days on the city's calendar: holidays, city days off, extension."""

import datetime

import pytest

from smartcity.core.models import CityHoliday
from smartcity.core.working_days import WIB
from smartcity.transparency import services
from smartcity.transparency.workflow import REQUEST_WORKFLOW
from tests.factories import AgencyFactory
from tests.transparency.factories import NOW, staff, submit

pytestmark = pytest.mark.django_db


def day(moment) -> datetime.date:
    return moment.astimezone(WIB).date()


def at(date: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=WIB)


@pytest.fixture
def agency(db):
    return AgencyFactory()


def test_ten_working_days_skip_weekends_and_cuti_bersama(agency):
    # Mon 1 Feb 2027; Fri 5 Feb is cuti bersama (Imlek): the 10th working day is Tue 16 Feb.
    request = submit(agency, now=NOW).request
    assert day(request.due_at) == datetime.date(2027, 2, 16)
    assert request.reference == "PPID-2027-000001"


def test_a_city_day_off_moves_the_deadline(agency):
    CityHoliday.objects.create(date=datetime.date(2027, 2, 10), name="Hari jadi kota (uji)")
    assert day(submit(agency, now=NOW).request.due_at) == datetime.date(2027, 2, 17)


def test_deadline_across_the_eid_holidays(agency):
    # Mon 1 Mar 2027: 8 Mar (Nyepi) and 9–15 Mar (Idul Fitri and cuti bersama) are days off.
    request = submit(agency, now=at(datetime.date(2027, 3, 1))).request
    assert day(request.due_at) == datetime.date(2027, 3, 23)


def test_extension_adds_seven_working_days_once_and_is_not_overdue(agency):
    officer = staff("ppid", agency)
    request = submit(agency, now=NOW).request
    services.extend(request, officer, "Dokumen berada di arsip kecamatan; perlu waktu pengumpulan.")
    request.refresh_from_db()
    assert request.status == "extended"
    assert day(request.due_at) == datetime.date(2027, 2, 25)
    # Day 12: past the first 10 working days, but within the extension: not overdue.
    assert not request.is_overdue(at(datetime.date(2027, 2, 18)))
    assert request.working_days_left(at(datetime.date(2027, 2, 18))) == 5
    assert request.is_overdue(at(datetime.date(2027, 2, 26)))
    assert not REQUEST_WORKFLOW.can(request, officer, "extend")
    events = list(
        request.events.filter(kind="status").values_list("from_status", "to_status", "note", "is_public")
    )
    assert events == [
        ("received", "extended", "Dokumen berada di arsip kecamatan; perlu waktu pengumpulan.", True)
    ]


def test_unextended_request_is_overdue_after_ten_working_days(agency):
    request = submit(agency, now=NOW).request
    assert not request.is_overdue(at(datetime.date(2027, 2, 16), 23))
    assert request.is_overdue(at(datetime.date(2027, 2, 17)))
    assert request.working_days_left(at(datetime.date(2027, 2, 17))) is None
    assert request.working_days_waited(at(datetime.date(2027, 2, 8))) == 4
    assert request.working_days_left(at(datetime.date(2027, 2, 8))) == 6


def test_forwarding_restarts_the_clock_at_the_holding_agency(agency):
    officer = staff("ppid", agency)
    holder = AgencyFactory(name="Dinas Pemegang")
    request = submit(agency, now=NOW).request
    services.extend(request, officer, "Perlu waktu.")
    services.forward(request, officer, holder, "Informasi dikuasai Dinas Pemegang.")
    request.refresh_from_db()
    assert request.agency == holder and request.forwarded_from == agency
    assert request.status == "received" and request.extended_at is None
    assert request.due_at > request.forwarded_at
    assert request.working_days_left(request.forwarded_at) == 10


def test_objection_window_is_thirty_working_days_after_a_missed_deadline(agency):
    request = submit(agency, now=NOW).request
    deadline = request.objection_deadline()
    # 30 working days after 16 Feb 2027 (the missed deadline), skipping the March holidays.
    assert day(deadline) == datetime.date(2027, 4, 9)
