from datetime import UTC, datetime

from chalicelib.domain.working_days import is_late, working_deadline

CHICAGO = "America/Chicago"


def test_two_working_days_after_a_thursday_morning_end_on_the_monday_morning():
    thursday = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)  # 09:00 in Chicago

    deadline = working_deadline(thursday, 2, CHICAGO)

    assert (deadline.weekday(), deadline.hour) == (0, 9)


def test_work_sent_on_a_saturday_starts_counting_on_monday():
    saturday = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)

    deadline = working_deadline(saturday, 2, CHICAGO)

    assert (deadline.day, deadline.hour) == (9, 0)


def test_an_item_is_late_only_once_its_working_days_have_passed():
    monday = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)

    assert not is_late(monday, datetime(2026, 12, 2, 15, 59, tzinfo=UTC), 2, CHICAGO)
    assert is_late(monday, datetime(2026, 12, 2, 16, 1, tzinfo=UTC), 2, CHICAGO)


def test_the_days_are_counted_on_the_agency_clock_not_on_utc():
    # Friday 23:00 in Chicago is already Saturday in UTC; the item still counts from Friday.
    friday_night = datetime(2026, 12, 5, 5, 0, tzinfo=UTC)

    assert working_deadline(friday_night, 1, CHICAGO).weekday() == 0
