"""Times of day on the pages: in the program's time zone, with the zone named in the page's language."""

from datetime import UTC, datetime

from chalicelib.web.translations import Words

JULY_EVENING = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)


def test_a_summer_time_is_shown_in_central_daylight_time_in_english():
    assert Words("en").clock_time(JULY_EVENING, "America/Chicago") == "6:30\u202fPM (Central Daylight Time)"


def test_a_summer_time_is_shown_on_the_twenty_four_hour_clock_in_spanish():
    assert Words("es").clock_time(JULY_EVENING, "America/Chicago") == "18:30 (hora de verano central)"


def test_the_date_is_the_one_in_the_programs_time_zone_not_in_utc():
    late_evening = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)

    assert Words("en").date_and_time(late_evening, "America/Chicago") == (
        "November 30, 2026 9:00\u202fPM (Central Standard Time)"
    )
