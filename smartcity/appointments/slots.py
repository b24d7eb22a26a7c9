"""Slot generation: which appointment times a service offers, as a pure function of its schedule.

Everything is in WIB (Asia/Jakarta, UTC+7 all year: no daylight saving). A day's slots start at
the beginning of each opening range and follow each other every ``slot_minutes``; a slot that
would run past the end of its range (into a break or past closing) is not offered. Closed days
(national holidays, cuti bersama, city days off, one-off closures) offer nothing; blocked periods
remove the slots they overlap.

Nothing here reads the database or the clock: callers pass the schedule, the days and ``now``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from smartcity.core.working_days import WIB

TimeRange = tuple[datetime.time, datetime.time]


@dataclass(frozen=True, order=True)
class Slot:
    """One bookable time: ``start`` and ``end`` are aware datetimes in WIB."""

    start: datetime.datetime
    end: datetime.datetime

    @property
    def day(self) -> datetime.date:
        return self.start.date()


@dataclass(frozen=True)
class Schedule:
    """A service's weekly hours and closures, in the plain terms slot generation needs.

    ``weekly_hours`` maps a weekday (Monday = 0) to its opening ranges; a gap between two ranges
    is a break. ``is_closed_day`` says whether a whole day is closed. ``blocked`` lists periods
    (aware datetimes) in which no slot may start or run.
    """

    slot_minutes: int
    weekly_hours: Mapping[int, Sequence[TimeRange]]
    is_closed_day: Callable[[datetime.date], bool] = lambda _day: False
    blocked: Sequence[tuple[datetime.datetime, datetime.datetime]] = field(default_factory=tuple)

    def slots_on(self, day: datetime.date) -> list[Slot]:
        """The slots of one day, in time order (none on a closed day)."""
        if self.is_closed_day(day):
            return []
        length = datetime.timedelta(minutes=self.slot_minutes)
        slots = []
        for opens, closes in sorted(self.weekly_hours.get(day.weekday(), ())):
            start = datetime.datetime.combine(day, opens, tzinfo=WIB)
            range_end = datetime.datetime.combine(day, closes, tzinfo=WIB)
            while start + length <= range_end:
                slot = Slot(start, start + length)
                if not self._is_blocked(slot):
                    slots.append(slot)
                start += length
        return slots

    def slots_between(self, first_day: datetime.date, last_day: datetime.date) -> Iterator[Slot]:
        """Every slot from ``first_day`` to ``last_day`` inclusive."""
        day = first_day
        while day <= last_day:
            yield from self.slots_on(day)
            day += datetime.timedelta(days=1)

    def slot_starting_at(self, start: datetime.datetime) -> Slot | None:
        """The slot that starts exactly at ``start``, or None when ``start`` is off the grid,
        outside opening hours, in a break, blocked or on a closed day."""
        local = start.astimezone(WIB)
        for slot in self.slots_on(local.date()):
            if slot.start == local:
                return slot
        return None

    def _is_blocked(self, slot: Slot) -> bool:
        return any(slot.start < until and since < slot.end for since, until in self.blocked)


@dataclass(frozen=True)
class BookingWindow:
    """When booking is open: from ``earliest`` (now plus the lead time) to the end of
    ``last_day`` (today plus the days ahead), in WIB."""

    earliest: datetime.datetime
    last_day: datetime.date

    @classmethod
    def at(cls, now: datetime.datetime, *, days_ahead: int, hours_before: int) -> BookingWindow:
        local_now = now.astimezone(WIB)
        return cls(
            earliest=local_now + datetime.timedelta(hours=hours_before),
            last_day=local_now.date() + datetime.timedelta(days=days_ahead),
        )

    def contains(self, slot: Slot) -> bool:
        return slot.start >= self.earliest and slot.day <= self.last_day

    @property
    def first_day(self) -> datetime.date:
        return self.earliest.date()
