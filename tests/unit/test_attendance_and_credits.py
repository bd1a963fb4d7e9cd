"""Attendance per session (by code, roster or the platform's report) and the credits it earns by the
event's rule, with the reasons someone did not earn them."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import credits
from chalicelib.domain.attendance import (
    Presence,
    RecordedBy,
    Registrant,
    UnreadableReportError,
    match_report,
    present_throughout,
    read_report,
)
from chalicelib.domain.events import CreditRule, CreditRuleKind, EventSession

NOW = datetime(2027, 1, 27, 18, 0, tzinfo=UTC)
DAY_ONE = datetime(2027, 1, 25, 15, 0, tzinfo=UTC)
SESSIONS = [
    EventSession(id="s1", starts_at=DAY_ONE, ends_at=DAY_ONE + timedelta(minutes=100)),
    EventSession(
        id="s2", starts_at=DAY_ONE + timedelta(days=1), ends_at=DAY_ONE + timedelta(days=1, minutes=100)
    ),
    EventSession(
        id="s3", starts_at=DAY_ONE + timedelta(days=2), ends_at=DAY_ONE + timedelta(days=2, minutes=50)
    ),
]
EVERY_SESSION = CreditRule(kind=CreditRuleKind.EVERY_SESSION)
EIGHTY_PERCENT = CreditRule(kind=CreditRuleKind.MINIMUM_SHARE, minimum_percent=80)


def present(session: str, registration: str, minutes: int) -> Presence:
    return Presence(
        session_id=session,
        registration_id=registration,
        minutes=minutes,
        recorded_by=RecordedBy.REPORT,
        recorded_at=NOW,
        recorded_by_person="staff@agency.example",
    )


def test_a_confirmation_code_or_a_roster_check_marks_someone_present_for_the_whole_session():
    presence = present_throughout(SESSIONS[0], "r1", RecordedBy.ROSTER, "staff@agency.example", NOW)

    assert presence.minutes == 100 and presence.recorded_by == RecordedBy.ROSTER


def test_with_every_session_as_the_rule_missing_one_session_earns_nothing_and_says_which():
    presences = [present("s1", "r1", 100), present("s3", "r1", 50)]

    result = credits.outcome(EVERY_SESSION, SESSIONS, "r1", presences)

    assert not result.earned
    assert result.missed_sessions == ("s2",)
    assert result.reasons == ("Missed session 2.",)


def test_with_every_session_as_the_rule_someone_at_all_of_them_earns():
    presences = [present(session.id, "r1", session.minutes) for session in SESSIONS]

    assert credits.outcome(EVERY_SESSION, SESSIONS, "r1", presences).earned


def test_with_a_minimum_share_of_80_percent_79_percent_does_not_earn_and_80_percent_does():
    # 250 minutes in all: 198 is 79.2%, 200 is exactly 80%.
    short = [present("s1", "r1", 100), present("s2", "r1", 98)]
    enough = [present("s1", "r2", 100), present("s2", "r2", 100)]

    missed = credits.outcome(EIGHTY_PERCENT, SESSIONS, "r1", short)
    earned = credits.outcome(EIGHTY_PERCENT, SESSIONS, "r2", enough)

    assert not missed.earned and missed.share_percent == 79
    assert missed.reasons == ("Attended 79% of the sessions' minutes (198 of 250); 80% is required.",)
    assert earned.earned and earned.share_percent == 80 and earned.reasons == ()


def test_minutes_beyond_a_session_length_and_other_peoples_presence_do_not_count():
    presences = [present("s1", "r1", 500), present("s2", "r2", 100), present("s3", "r2", 50)]

    result = credits.outcome(EIGHTY_PERCENT, SESSIONS, "r1", presences)

    assert result.attended_minutes == 100 and not result.earned


def test_an_event_without_sessions_earns_nobody_anything():
    result = credits.outcome(EVERY_SESSION, [], "r1", [])

    assert not result.earned and result.reasons == ("The event has no sessions.",)


def test_the_platforms_report_is_read_with_each_unusable_row_named_and_rejoins_added_up():
    report = read_report(
        "\ufeffName,User Email,Duration (Minutes)\n"
        "Ana,ana@school.example,60\n"
        "Ana,ANA@School.example,35.4\n"
        "Bo,not-an-email,90\n"
        "Cy,cy@school.example,ninety\n"
        ",,\n"
        "Di,,20\n"
        "Ed,ed@school.example,-5\n"
        "Fay,fay@school.example\n"
    )

    assert [(row.email, row.minutes) for row in report.rows] == [("ana@school.example", 95)]
    assert [(problem.line, problem.problem) for problem in report.problems] == [
        (4, "'not-an-email' is not a valid email address"),
        (5, "the minutes 'ninety' are not a number"),
        (7, "the email is empty"),
        (8, "the minutes '-5' are not a number of minutes present"),
        (9, "the row has fewer columns than the header"),
    ]


def test_a_report_without_the_columns_it_needs_is_refused_saying_which_is_missing():
    with pytest.raises(UnreadableReportError, match="no a minutes column"):
        read_report("email,name\nana@school.example,Ana\n")
    with pytest.raises(UnreadableReportError, match="empty"):
        read_report("")


def test_the_report_marks_registrants_present_capped_at_the_session_and_lists_strangers():
    report = read_report("email,minutes\nana@school.example,130\nzed@elsewhere.example,40\n")
    registrants = [Registrant("r1", "Ana@school.example"), Registrant("r2", "bo@school.example")]

    matched = match_report(report, SESSIONS[0], registrants, "staff@agency.example", NOW)

    assert [(p.registration_id, p.minutes, p.recorded_by) for p in matched.presences] == [
        ("r1", 100, RecordedBy.REPORT)
    ]
    assert matched.unknown_emails == ["zed@elsewhere.example"]
