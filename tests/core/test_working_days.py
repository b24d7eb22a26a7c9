"""The working-day calendar: weekends, national holidays, cuti bersama and the city's days off."""

import datetime

import holidays
import pytest
from django.core.cache import cache
from django.urls import reverse

from smartcity.core.models import CityHoliday
from smartcity.core.working_days import (
    CITY_HOLIDAYS_CACHE_KEY,
    WIB,
    add_working_days,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def wib(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WIB)


def national(year: int, *categories: str) -> dict:
    return holidays.country_holidays("ID", years=year, categories=categories or ("public",))


def test_weekends_are_not_working_days():
    # A week without any holiday in Indonesia (checked against the holidays package).
    week = [datetime.date(2024, 10, 7) + datetime.timedelta(days=n) for n in range(7)]
    assert not any(day in national(2024, "public", "government") for day in week)
    assert [is_working_day(day) for day in week] == [True] * 5 + [False, False]


@pytest.mark.parametrize(
    "day", [datetime.date(2024, 8, 17), datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)]
)
def test_fixed_national_holidays_are_days_off(day):
    assert day in national(day.year)
    assert not is_working_day(day)
    # The day after a weekday holiday is an ordinary working day again (2025-01-02 is a Thursday).
    if day == datetime.date(2025, 1, 1):
        assert is_working_day(datetime.date(2025, 1, 2))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_idul_fitri_and_its_cuti_bersama_are_days_off(year):
    public = [d for d, name in national(year).items() if "Eid al-Fitr" in name]
    joint = [d for d, name in national(year, "government").items() if "Eid al-Fitr" in name]
    assert public, "the holidays package knows Idul Fitri"
    assert joint, "the holidays package knows the cuti bersama around Idul Fitri"
    assert not any(is_working_day(day) for day in public + joint)


def test_city_days_off_are_skipped_and_the_cache_follows_changes():
    day = datetime.date(2024, 10, 9)  # an ordinary Wednesday
    assert is_working_day(day)
    assert cache.get(CITY_HOLIDAYS_CACHE_KEY) is not None  # the city's days are cached...

    holiday = CityHoliday.objects.create(date=day, name="Hari Jadi Kota Binjai")
    assert not is_working_day(day)  # ...and forgotten when one is added
    assert add_working_days(wib(2024, 10, 8, 9, 0), 1) == wib(2024, 10, 10, 23, 59, 59)

    holiday.delete()
    assert is_working_day(day)  # ...or deleted


def test_the_calendar_is_forgotten_again_when_the_change_commits(django_capture_on_commit_callbacks):
    day = datetime.date(2024, 10, 9)
    with django_capture_on_commit_callbacks(execute=True):
        CityHoliday.objects.create(date=day, name="Cuti kota")
        # Another request, not seeing the uncommitted row yet, caches the old calendar.
        cache.set(CITY_HOLIDAYS_CACHE_KEY, frozenset(), 3600)
    assert not is_working_day(day)


def test_staff_add_and_delete_city_days_off_in_the_admin(superuser_client):
    day = datetime.date(2024, 10, 9)
    assert is_working_day(day)
    response = superuser_client.post(
        reverse("wagtailsnippets_core_cityholiday:add"), {"date": "2024-10-09", "name": "Cuti kota"}
    )
    assert response.status_code == 302, response.content[:2000]
    holiday = CityHoliday.objects.get(date=day)
    assert not is_working_day(day)

    response = superuser_client.post(reverse("wagtailsnippets_core_cityholiday:delete", args=[holiday.pk]))
    assert response.status_code == 302
    assert not CityHoliday.objects.exists()
    assert is_working_day(day)


def test_friday_afternoon_plus_three_working_days_ends_wednesday_night():
    friday = wib(2024, 10, 4, 16, 0)
    assert friday.weekday() == 4
    due = add_working_days(friday, 3)
    assert due == wib(2024, 10, 9, 23, 59, 59)
    assert due.astimezone(WIB).weekday() == 2
    # The same moment given in UTC gives the same deadline.
    assert add_working_days(friday.astimezone(UTC), 3) == due


def test_the_start_day_is_taken_in_jakarta_time():
    # Monday 02:00 WIB is still Sunday in UTC: the next working day is Tuesday, not Monday.
    monday_night = wib(2024, 10, 7, 2, 0).astimezone(UTC)
    assert monday_night.date() == datetime.date(2024, 10, 6)
    assert add_working_days(monday_night, 1) == wib(2024, 10, 8, 23, 59, 59)


def test_zero_days_means_the_end_of_today_or_of_the_next_working_day():
    assert add_working_days(wib(2024, 10, 7, 8, 0), 0) == wib(2024, 10, 7, 23, 59, 59)
    assert add_working_days(wib(2024, 10, 5, 8, 0), 0) == wib(2024, 10, 7, 23, 59, 59)  # Saturday


def test_a_deadline_crossing_the_idul_fitri_long_weekend():
    # Thursday 27 March 2025; Friday 28 is Nyepi's cuti bersama, 31 March - 1 April is Idul Fitri,
    # 2-4 and 7 April are its cuti bersama: the first working day after is Tuesday 8 April.
    start = wib(2025, 3, 27, 10, 0)
    off = {
        datetime.date(2025, 3, 28),
        *(datetime.date(2025, 3, 31) + datetime.timedelta(d) for d in range(8)),
    }
    weekdays_off = {d for d in off if d.weekday() < 5}
    both = national(2025, "public", "government")
    assert all(day in both for day in weekdays_off)
    assert add_working_days(start, 1) == wib(2025, 4, 8, 23, 59, 59)
    assert add_working_days(start, 3) == wib(2025, 4, 10, 23, 59, 59)
    assert working_days_between(start, wib(2025, 4, 10, 8, 0)) == 3


def test_working_days_between():
    friday = wib(2024, 10, 4, 16, 0)
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, wib(2024, 10, 6, 12, 0)) == 0  # the weekend
    assert working_days_between(friday, wib(2024, 10, 7, 0, 1)) == 1
    assert working_days_between(friday, wib(2024, 10, 11, 23, 0)) == 5
    assert working_days_between(friday, wib(2024, 10, 14, 9, 0)) == 6
    assert working_days_between(wib(2024, 10, 14, 9, 0), friday) == 0  # backwards: nothing
    # Across 1 January 2025 (a Wednesday).
    assert working_days_between(wib(2024, 12, 30, 9, 0), wib(2025, 1, 3, 9, 0)) == 3
    # A deadline computed with add_working_days is that many working days away.
    assert working_days_between(friday, add_working_days(friday, 7)) == 7
    CityHoliday.objects.create(date=datetime.date(2024, 10, 8), name="Cuti kota")
    assert working_days_between(friday, wib(2024, 10, 11, 23, 0)) == 4
