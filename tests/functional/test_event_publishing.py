"""Staff create, edit and publish events; the public sees only published ones, never their meeting link,
and takes a calendar file a standard parser reads, with times right across the daylight-saving change."""

from datetime import UTC, datetime

import icalendar

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.event_journeys import create_event, edit_event, event_details, published_event


def test_a_draft_is_hidden_from_the_public_until_staff_publish_it_and_then_never_shows_its_meeting_link(
    client, stack
):
    draft = create_event(client, stack)
    assert draft["status"] == "draft" and draft["meeting_link"] == "https://meet.example.org/convening-2027"
    assert client.http.get(f"/events/{draft['id']}").status_code == 404
    assert body_of(client.http.get("/events"))["upcoming"] == []

    published = post_json(
        client, f"/events/{draft['id']}/publication", {"version": 1}, signed_in(stack, "staff")
    )
    public = client.http.get(f"/events/{draft['id']}")

    assert body_of(published)["status"] == "published"
    assert public.status_code == 200
    assert "meeting" not in public.body.decode() and "registrant" not in public.body.decode()
    shown = body_of(public)
    assert shown["time_zone"] == "America/Chicago"
    assert shown["sessions"][0]["local_starts_at"] == "2027-03-25T09:00:00-05:00"
    assert [event["id"] for event in body_of(client.http.get("/events"))["upcoming"]] == [draft["id"]]


def test_the_list_filters_by_audience_and_rejects_an_audience_it_does_not_know(client, stack):
    for_schools = published_event(client, stack)
    for_everyone = published_event(client, stack, audience={"support_categories": []}, kind="team_meeting")

    def listed(audience):
        return [event["id"] for event in body_of(client.http.get(f"/events?audience={audience}"))["upcoming"]]

    assert listed("public") == [for_everyone["id"]]
    assert listed("TSI") == [for_schools["id"]]
    assert listed("SAR") == []
    refused = client.http.get("/events?audience=everyone")
    assert refused.status_code == 422
    assert body_of(refused)["error"]["fields"][0]["field"] == "audience"


def test_staff_move_a_session_which_keeps_its_id_and_a_stale_edit_is_refused(client, stack):
    event = published_event(client, stack)
    sessions = [
        {"id": session["id"], "starts_at": session["starts_at"], "ends_at": session["ends_at"]}
        for session in event["sessions"]
    ]
    sessions[0] = {**sessions[0], "starts_at": "2027-03-25T15:00:00Z", "ends_at": "2027-03-25T21:00:00Z"}
    edit = {**event_details(sessions=sessions), "version": event["version"]}

    moved = edit_event(client, stack, event["id"], edit)
    stale = edit_event(client, stack, event["id"], edit)

    assert moved.status_code == 200, moved.body
    assert [s["id"] for s in body_of(moved)["sessions"]] == [s["id"] for s in event["sessions"]]
    assert body_of(moved)["sessions"][0]["local_starts_at"] == "2027-03-25T10:00:00-05:00"
    assert stale.status_code == 409


def test_bad_event_details_answer_422_naming_the_field(client, stack):
    backwards = event_details(registration_closes_at="2025-01-01T00:00:00Z")
    no_offset = event_details(registration_opens_at="2027-03-01T00:00:00")

    for details in (backwards, no_offset, event_details(capacity=0), event_details(meeting_link="ftp://x")):
        response = post_json(client, "/events", details, signed_in(stack, "staff"))
        assert response.status_code == 422, details
        assert body_of(response)["error"]["fields"]


def test_the_calendar_file_parses_with_one_vevent_per_session_at_the_right_times_across_the_dst_change(
    client, stack
):
    # Central time moves from CST (UTC-6) to CDT (UTC-5) on 2027-03-14 at 02:00.
    sessions = [
        {"starts_at": "2027-03-12T09:00:00-06:00", "ends_at": "2027-03-12T12:00:00-06:00"},
        {"starts_at": "2027-03-15T09:00:00-05:00", "ends_at": "2027-03-15T12:00:00-05:00"},
    ]
    event = published_event(client, stack, sessions=sessions, title="Convening; day one, and two")

    response = client.http.get(f"/events/{event['id']}/calendar.ics")
    calendar = icalendar.Calendar.from_ical(response.body)
    vevents = calendar.walk("VEVENT")

    assert response.headers["Content-Type"].startswith("text/calendar")
    assert [(v.decoded("DTSTART"), v.decoded("DTEND")) for v in vevents] == [
        (datetime(2027, 3, 12, 15, 0, tzinfo=UTC), datetime(2027, 3, 12, 18, 0, tzinfo=UTC)),
        (datetime(2027, 3, 15, 14, 0, tzinfo=UTC), datetime(2027, 3, 15, 17, 0, tzinfo=UTC)),
    ]
    assert str(vevents[0]["SUMMARY"]) == "Convening; day one, and two (1 of 2)"
    assert len({str(v["UID"]) for v in vevents}) == 2
    assert b"meet.example.org" not in response.body
