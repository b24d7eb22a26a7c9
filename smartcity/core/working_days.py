"""The city's working-day calendar for deadlines.

Working days are Monday to Friday except Indonesia's national holidays (including cuti bersama
that the ``holidays`` package knows) and the city's own days off (``CityHoliday``, edited by
staff). A deadline of N working days ends at the close of the N-th working day after the day
the case arrived, in Asia/Jakarta time.
"""

import datetime
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

WIB = datetime.timezone(datetime.timedelta(hours=7), "WIB")
CITY_HOLIDAYS_CACHE_KEY = "core:city-holidays"


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> frozenset[datetime.date]:
    # "government" adds cuti bersama (joint leave days): city offices are closed on them too.
    return frozenset(
        holidays.country_holidays("ID", years=year, categories=(holidays.PUBLIC, holidays.GOVERNMENT)).keys()
    )


def _city_holidays() -> frozenset[datetime.date]:
    days = cache.get(CITY_HOLIDAYS_CACHE_KEY)
    if days is None:
        from .models import CityHoliday

        days = frozenset(CityHoliday.objects.values_list("date", flat=True))
        cache.set(CITY_HOLIDAYS_CACHE_KEY, days, 3600)
    return days


def forget_city_holidays(**_kwargs) -> None:
    """Signal receiver: staff changed the city's days off.

    Forget now and again after the commit: a request that reads the calendar while the change
    is not yet committed would otherwise cache the old days for an hour.
    """
    cache.delete(CITY_HOLIDAYS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CITY_HOLIDAYS_CACHE_KEY))


def is_day_off(day: datetime.date) -> bool:
    """A national holiday, cuti bersama or city day off, whatever the weekday.

    Services open on Saturdays (e.g. a KTP-el counter) close on these days but not on weekends.
    """
    return day in _national_holidays(day.year) or day in _city_holidays()


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_day_off(day)


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, WIB).date()


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The end (23:59:59 WIB) of the ``days``-th working day after ``start``'s date."""
    day = local_date(start)
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    if days == 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=WIB)


def working_days_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Working days after ``start``'s date up to and including ``end``'s date."""
    first, last = local_date(start), local_date(end)
    count = 0
    day = first
    while day < last:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
