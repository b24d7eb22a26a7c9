"""Slot generation (pure): opening ranges, breaks, closed days, blocked periods, WIB, the window."""

import datetime

from smartcity.appointments.slots import BookingWindow, Schedule
from smartcity.core.working_days import WIB

MONDAY = datetime.date(2026, 8, 10)
INDEPENDENCE_DAY = datetime.date(2026, 8, 17)  # a Monday


def t(hour, minute=0):
    return datetime.time(hour, minute)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, t(hour, minute), tzinfo=WIB)


def counter(**kwargs) -> Schedule:
    defaults = {
        "slot_minutes": 30,
        "weekly_hours": {d: [(t(8), t(12)), (t(13), t(15, 15))] for d in range(5)},
    }
    defaults.update(kwargs)
    return Schedule(**defaults)


def starts(slots):
    return [s.start.strftime("%H:%M") for s in slots]


def test_slots_follow_each_range_and_skip_the_break_and_a_partial_last_slot():
    slots = counter().slots_on(MONDAY)
    assert starts(slots) == [
        "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        # 12:00–13:00 is the break; 15:00 would run past 15:15, so it is not offered.
        "13:00", "13:30", "14:00", "14:30",
    ]  # fmt: skip
    assert all(s.end - s.start == datetime.timedelta(minutes=30) for s in slots)


def test_times_are_wib_plus_seven_all_year():
    for day in (datetime.date(2026, 1, 5), datetime.date(2026, 7, 6)):
        first = counter().slots_on(day)[0]
        assert first.start.isoformat() == f"{day.isoformat()}T08:00:00+07:00"
        assert first.start.astimezone(datetime.UTC).hour == 1


def test_ranges_given_out_of_order_still_give_ordered_slots():
    schedule = counter(weekly_hours={0: [(t(13), t(14)), (t(9), t(10))]})
    assert starts(schedule.slots_on(MONDAY)) == ["09:00", "09:30", "13:00", "13:30"]


def test_no_slots_on_days_without_hours_or_closed_days():
    schedule = counter(is_closed_day=lambda day: day == INDEPENDENCE_DAY)
    assert schedule.slots_on(MONDAY + datetime.timedelta(days=5)) == []  # Saturday
    assert schedule.slots_on(INDEPENDENCE_DAY) == []
    week = list(schedule.slots_between(INDEPENDENCE_DAY, INDEPENDENCE_DAY + datetime.timedelta(days=6)))
    assert {s.day for s in week} == {INDEPENDENCE_DAY + datetime.timedelta(days=n) for n in range(1, 5)}


def test_blocked_period_removes_every_slot_it_touches():
    schedule = counter(blocked=[(at(MONDAY, 9, 15), at(MONDAY, 10, 0))])
    assert "09:00" not in starts(schedule.slots_on(MONDAY))
    assert "09:30" not in starts(schedule.slots_on(MONDAY))
    assert "10:00" in starts(schedule.slots_on(MONDAY))
    assert "08:30" in starts(schedule.slots_on(MONDAY))


def test_slot_starting_at_refuses_off_grid_break_and_closed_times():
    schedule = counter(is_closed_day=lambda day: day == INDEPENDENCE_DAY)
    assert schedule.slot_starting_at(at(MONDAY, 9, 30)).end == at(MONDAY, 10)
    # The same moment given in UTC is the same slot.
    assert schedule.slot_starting_at(at(MONDAY, 9, 30).astimezone(datetime.UTC)) is not None
    assert schedule.slot_starting_at(at(MONDAY, 9, 10)) is None  # off the grid
    assert schedule.slot_starting_at(at(MONDAY, 12, 0)) is None  # the break
    assert schedule.slot_starting_at(at(MONDAY, 15, 0)) is None  # would end after closing
    assert schedule.slot_starting_at(at(MONDAY, 7, 30)) is None  # before opening
    assert schedule.slot_starting_at(at(INDEPENDENCE_DAY, 9, 0)) is None


def test_booking_window_opens_days_ahead_and_closes_hours_before():
    now = at(MONDAY, 9, 10)
    window = BookingWindow.at(now, days_ahead=30, hours_before=2)
    slots = {s.start: s for s in counter().slots_between(MONDAY, MONDAY + datetime.timedelta(days=40))}
    assert not window.contains(slots[at(MONDAY, 11, 0)])  # only 1 h 50 min ahead
    assert window.contains(slots[at(MONDAY, 11, 30)])
    last = MONDAY + datetime.timedelta(days=30)
    assert window.contains(slots[at(last, 14, 30)])
    assert not window.contains(slots[at(last + datetime.timedelta(days=1), 8, 0)])
