"""The public registers while the window is open (its edges in the agency's zone, across a daylight-saving
change), once per address, for an event whose audience admits their school; a full event puts them on
the waitlist, and a cancellation gives the seat to the first in line, who is emailed once."""

import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib import dependencies
from tests.fakes import SettableClock
from tests.functional.conftest import body_of, signed_in
from tests.functional.event_journeys import (
    edit_event,
    event_details,
    published_event,
    register,
    registrant,
    registrant_email,
)

# 2027-03-01 00:00 CST opens; 2027-03-21 00:00 CDT closes: Central time springs forward on 2027-03-14.
OPENS, CLOSES = "2027-03-01T00:00:00-06:00", "2027-03-21T00:00:00-05:00"


@pytest.fixture
def clock(client) -> Iterator[SettableClock]:
    before = dependencies.current()
    settable = SettableClock(datetime(2027, 2, 1, tzinfo=UTC))
    dependencies.configure(replace(before, clock=settable))
    yield settable
    dependencies.configure(before)


def central(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_the_window_opens_and_closes_at_midnight_central_across_the_daylight_saving_change(
    client, stack, clock
):
    event = published_event(client, stack, registration_opens_at=OPENS, registration_closes_at=CLOSES)

    clock.now = central("2027-02-28T23:59:59-06:00")
    early = register(client, event["id"], registrant(1))
    clock.now = central("2027-03-01T00:00:00-06:00")
    first_moment = register(client, event["id"], registrant(2))
    clock.now = central("2027-03-20T23:59:59-05:00")
    last_moment = register(client, event["id"], registrant(3))
    clock.now = central("2027-03-21T00:00:00-05:00")
    late = register(client, event["id"], registrant(4))

    assert (early.status_code, first_moment.status_code, last_moment.status_code, late.status_code) == (
        409,
        201,
        201,
        409,
    )
    assert body_of(early)["error"]["code"] == "registration_not_open"
    assert body_of(early)["error"]["message"] == "Registration opens on March 1, 2027 at 12:00 AM CST."
    assert body_of(late)["error"]["code"] == "registration_closed"
    assert body_of(late)["error"]["message"] == "Registration closed on March 21, 2027 at 12:00 AM CDT."
    assert "America/Chicago" in body_of(late)["error"]["fields"][0]["problem"]


def test_one_address_registers_once_and_only_schools_the_audience_admits_register(client, stack):
    event = published_event(client, stack)

    first = register(client, event["id"], registrant(1))
    again = register(client, event["id"], registrant(1, email="REGISTRANT-1@example.org", name="Again"))
    excluded = register(client, event["id"], registrant(2, support_category="SAR"))
    unnamed_school = register(client, event["id"], registrant(3, school=None, support_category=None))

    assert first.status_code == 201 and body_of(first)["status"] == "confirmed"
    assert (again.status_code, body_of(again)["error"]["code"]) == (409, "already_registered")
    assert (excluded.status_code, body_of(excluded)["error"]["code"]) == (422, "not_in_audience")
    assert body_of(excluded)["error"]["fields"] == [
        {"field": "support_category", "problem": "must be one of CSI, TSI for this event"}
    ]
    assert unnamed_school.status_code == 422
    assert {f["field"] for f in body_of(unnamed_school)["error"]["fields"]} == {"school", "support_category"}


def test_the_meeting_link_reaches_only_a_confirmed_registrant_with_their_code(client, stack):
    event = published_event(client, stack, capacity=1)
    seated = body_of(register(client, event["id"], registrant(1)))
    waiting = body_of(register(client, event["id"], registrant(2)))

    seated_view = body_of(client.http.get(f"/events/{event['id']}/registrations/{seated['code']}"))
    waiting_view = body_of(client.http.get(f"/events/{event['id']}/registrations/{waiting['code']}"))

    assert (seated_view["status"], seated_view["meeting_link"]) == ("confirmed", event["meeting_link"])
    assert (waiting_view["status"], waiting_view["waitlist_position"], waiting_view["meeting_link"]) == (
        "waitlisted",
        1,
        None,
    )
    assert "meet.example.org" not in client.http.get(f"/events/{event['id']}").body.decode()
    assert body_of(client.http.get(f"/events/{event['id']}"))["full"] is True


def test_200_registrations_at_once_seat_exactly_50_and_line_up_150_and_10_cancellations_seat_the_first_10_once(
    client, stack, workers, event_pump
):
    event = published_event(client, stack, capacity=50)
    answers: dict[int, dict] = {}
    tag = uuid.uuid4().hex[:8]

    def register_one(number: int) -> None:
        response = register(client, event["id"], registrant(number, tag))
        assert response.status_code == 201, response.body
        answers[number] = body_of(response)

    threads = [threading.Thread(target=register_one, args=(number,)) for number in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = Counter(answer["status"] for answer in answers.values())
    positions = sorted(a["waitlist_position"] for a in answers.values() if a["status"] == "waitlisted")
    assert len(answers) == 200
    assert statuses == {"confirmed": 50, "waitlisted": 150}
    assert positions == list(range(1, 151))

    in_line = sorted(
        (a for a in answers.values() if a["status"] == "waitlisted"), key=lambda a: a["waitlist_position"]
    )
    seated = [a for a in answers.values() if a["status"] == "confirmed"]
    for leaving in seated[:5]:
        cancelled = client.http.post(f"/events/{event['id']}/registrations/{leaving['code']}/cancellation")
        assert cancelled.status_code == 200, cancelled.body
    for leaving in seated[5:10]:
        cancelled = client.http.post(
            f"/events/{event['id']}/registrations/{leaving['code']}/cancellation",
            headers=signed_in(stack, "staff"),
        )
        assert cancelled.status_code == 200, cancelled.body
    # 220 emails: more than the usual minute on a busy machine.
    assert event_pump.drain(timeout=240), "the workers did not settle"

    roster = body_of(
        client.http.get(f"/events/{event['id']}/registrations", headers=signed_in(stack, "staff"))
    )
    now_seated = {entry["code"] for entry in roster["items"] if entry["status"] == "confirmed"}
    promoted = [a["code"] for a in in_line[:10]]
    assert len(now_seated) == 50
    assert set(promoted) <= now_seated
    assert not {a["code"] for a in in_line[10:]} & now_seated
    promoted_names = {registrant_email(n, tag) for n, a in answers.items() if a["code"] in promoted}
    seat_emails = Counter(
        address
        for sent in stack.sent_emails()
        if sent.subject.startswith("A seat came free")
        for address in sent.to
    )
    assert seat_emails == dict.fromkeys(promoted_names, 1)


def test_a_cancelled_registration_cannot_be_cancelled_again_and_a_member_may_not_cancel_for_someone(
    client, stack
):
    event = published_event(client, stack)
    code = body_of(register(client, event["id"], registrant(1)))["code"]
    path = f"/events/{event['id']}/registrations/{code}/cancellation"

    by_member = client.http.post(path, headers=signed_in(stack, "member-academic-achievement"))
    first = client.http.post(path)
    second = client.http.post(path)

    assert by_member.status_code == 403
    assert (first.status_code, body_of(first)["status"]) == (200, "cancelled")
    assert second.status_code == 409
    assert register(client, event["id"], registrant(1)).status_code == 201


def test_registrants_are_emailed_their_seat_with_the_link_and_told_when_sessions_move(client, stack, workers):
    event = published_event(client, stack, capacity=1)
    tag = uuid.uuid4().hex[:8]
    register(client, event["id"], registrant(1, tag))
    register(client, event["id"], registrant(2, tag))
    sessions = [
        {"id": s["id"], "starts_at": s["starts_at"], "ends_at": s["ends_at"]} for s in event["sessions"]
    ]
    sessions[0] = {**sessions[0], "starts_at": "2027-03-25T15:00:00Z"}
    moved = edit_event(
        client,
        stack,
        event["id"],
        {**event_details(sessions=sessions, capacity=1), "version": event["version"]},
    )
    assert moved.status_code == 200, moved.body
    workers()

    def to(number):
        return [s for s in stack.sent_emails() if registrant_email(number, tag) in s.to]

    seated, waiting = to(1), to(2)
    assert sorted(s.subject for s in seated) == [
        "New times: School improvement convening",
        "You are registered: School improvement convening",
    ]
    assert all("https://meet.example.org/convening-2027" in s.body for s in seated)
    assert sorted(s.subject for s in waiting) == [
        "New times: School improvement convening",
        "You are on the waitlist: School improvement convening",
    ]
    assert not any("meet.example.org" in s.body for s in waiting)
    assert "place 1" in next(s.body for s in waiting if s.subject.startswith("You are on"))


def test_a_raised_capacity_seats_the_first_in_line_and_a_capacity_below_the_seats_taken_is_refused(
    client, stack
):
    event = published_event(client, stack, capacity=1)
    codes = [body_of(register(client, event["id"], registrant(n)))["code"] for n in range(3)]
    staff = signed_in(stack, "staff")

    def edit(capacity, version):
        document = {**event_details(capacity=capacity), "version": version}
        document["sessions"] = [
            {"id": s["id"], "starts_at": s["starts_at"], "ends_at": s["ends_at"]} for s in event["sessions"]
        ]
        return edit_event(client, stack, event["id"], document)

    raised = edit(2, event["version"])
    lowered = edit(1, body_of(raised)["version"])
    statuses = [
        body_of(client.http.get(f"/events/{event['id']}/registrations/{code}"))["status"] for code in codes
    ]

    assert (raised.status_code, body_of(raised)["confirmed"]) == (200, 2)
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert lowered.status_code == 409
    assert [e["id"] for e in body_of(client.http.get("/staff/events", headers=staff))["items"]] == [
        event["id"]
    ]
