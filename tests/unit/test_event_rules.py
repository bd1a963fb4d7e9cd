"""The rules of events without storage: the registration window's edges in the agency's zone, what an
audience asks for, what each change tells registrants, and the calendar file's lines."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.calendar import calendar_file
from chalicelib.domain.errors import ValidationFailedError
from chalicelib.domain.events import (
    Audience,
    Contact,
    Event,
    EventSession,
    Registration,
    RegistrationForm,
    new_confirmation_code,
)
from chalicelib.domain.registration import (
    NotInAudienceError,
    RegistrationClosedError,
    RegistrationNotOpenError,
    check_form,
    check_window,
)
from chalicelib.domain.work import ChangeKind, StoredChange, WorkMessage
from chalicelib.services.outbox import work_for_change

ZONE = "America/Chicago"
START = datetime(2027, 3, 25, 14, 0, tzinfo=UTC)
EVENT = Event(
    id="E1",
    program_id="msip-6",
    status="published",
    title="Convening",
    description="Two and a half days.",
    kind="convening",
    audience=Audience(support_categories=("CSI",)),
    sessions=(EventSession(id="day-1", starts_at=START, ends_at=START + timedelta(hours=6)),),
    registration_opens_at=datetime(2027, 3, 1, 6, 0, tzinfo=UTC),
    registration_closes_at=datetime(2027, 3, 21, 5, 0, tzinfo=UTC),
    capacity=50,
    contact=Contact(name="Pat Lee", email="pat@example.org"),
    meeting_link="https://meet.example.org/c",
    created_at=START,
    created_by="staff",
    updated_at=START,
)
REGISTRATION = Registration(
    event_id="E1",
    program_id="msip-6",
    code="AAAA-BBBB-CCCC-DDDD",
    name="Ana",
    email="ana@example.org",
    status="waitlisted",
    waitlist_position=3,
    registered_at=START,
    updated_at=START,
)


def changed(entity, **changes):
    return type(entity).model_validate({**entity.model_dump(), **changes})


def work_for(kind, before, after):
    return work_for_change(StoredChange(ChangeKind(kind), before, after))


def test_the_window_takes_its_first_moment_and_refuses_its_closing_moment():
    check_window(EVENT, EVENT.registration_opens_at, ZONE)
    check_window(EVENT, EVENT.registration_closes_at - timedelta(seconds=1), ZONE)

    with pytest.raises(RegistrationNotOpenError, match="March 1, 2027 at 12:00 AM CST"):
        check_window(EVENT, EVENT.registration_opens_at - timedelta(seconds=1), ZONE)
    with pytest.raises(RegistrationClosedError, match="March 21, 2027 at 12:00 AM CDT"):
        check_window(EVENT, EVENT.registration_closes_at, ZONE)


def test_an_event_for_schools_asks_for_the_school_and_admits_only_its_categories():
    form = RegistrationForm(
        name="Ana", email="ana@example.org", district="D", school="S", support_category="CSI"
    )

    check_form(EVENT, form)
    with pytest.raises(NotInAudienceError):
        check_form(EVENT, changed(form, support_category="TSI"))
    with pytest.raises(ValidationFailedError) as missing:
        check_form(EVENT, changed(form, school=None, support_category=None))
    assert [problem.field for problem in missing.value.fields] == ["school", "support_category"]
    check_form(changed(EVENT, audience=Audience()), RegistrationForm(name="Ana", email="ana@example.org"))


def test_a_registration_is_told_when_it_is_made_when_a_seat_comes_and_when_it_is_cancelled():
    subject = {"event_id": "E1", "code": REGISTRATION.code}
    promoted = changed(REGISTRATION, status="confirmed", version=2)

    assert work_for("INSERT", None, REGISTRATION) == [
        WorkMessage("notifications", {"kind": "registered", **subject})
    ]
    assert work_for("MODIFY", REGISTRATION, promoted) == [
        WorkMessage("notifications", {"kind": "promoted", **subject})
    ]
    assert work_for("MODIFY", promoted, changed(promoted, status="cancelled")) == [
        WorkMessage("notifications", {"kind": "registration_cancelled", **subject})
    ]
    assert work_for("MODIFY", promoted, changed(promoted, name="Ana María")) == []


def test_only_a_published_event_whose_sessions_moved_tells_its_registrants():
    moved = changed(
        EVENT,
        sessions=[
            {"id": "day-1", "starts_at": START + timedelta(hours=1), "ends_at": START + timedelta(hours=7)}
        ],
        version=2,
    )
    draft = changed(EVENT, status="draft")

    assert work_for("MODIFY", EVENT, moved) == [
        WorkMessage("notifications", {"kind": "sessions_moved", "event_id": "E1", "event_version": "2"})
    ]
    assert work_for("MODIFY", EVENT, changed(EVENT, title="New title")) == []
    assert work_for("MODIFY", draft, changed(moved, status="draft")) == []
    assert work_for("MODIFY", draft, moved) == []


def test_calendar_lines_are_folded_at_75_octets_and_text_is_escaped():
    wordy = changed(EVENT, title="Évaluation; école, " * 10, description="Line one\nLine two")

    text = calendar_file(wordy, "example.org", START)

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DESCRIPTION:Line one\\nLine two" in text
    assert "\\;" in text and "\\," in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_confirmation_codes_are_four_groups_of_four_and_differ():
    codes = {new_confirmation_code() for _ in range(100)}

    assert len(codes) == 100
    assert all(len(code) == 19 and code.count("-") == 3 for code in codes)
