"""Staff record attendance three ways; the credits follow the event's rule, the roster says why someone
did not earn them, the credit report matches the certificates one for one, and anyone can check a
certificate's code."""

import csv
import io
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.held_events import held_event

STAFF = "staff"


def mark(client: Any, stack: Any, event_id: str, session: str, how: str, codes: list[str]) -> Any:
    path = f"/events/{event_id}/sessions/{session}/attendance"
    return post_json(client, path, {"how": how, "codes": codes}, signed_in(stack, STAFF))


def upload(client: Any, stack: Any, event_id: str, session: str, text: str) -> Any:
    path = f"/events/{event_id}/sessions/{session}/attendance-report"
    return post_json(client, path, {"csv": text}, signed_in(stack, STAFF))


def csv_rows(client: Any, stack: Any, path: str) -> list[dict[str, str]]:
    response = client.http.get(path, headers=signed_in(stack, STAFF))
    assert response.status_code == 200, response.body
    assert response.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.body.decode("utf-8-sig"))))


def test_every_session_rule_from_codes_roster_and_report_with_a_credit_report_matching_the_certificates(
    client, stack
):
    held = held_event(waitlisted=("Di",))
    ana, bo, cy = held.codes["Ana"], held.codes["Bo"], held.codes["Cy"]

    at_the_door = mark(client, stack, held.id, "day-1", "code", [ana, bo.lower()])
    on_the_roster = mark(client, stack, held.id, "day-2", "roster", [ana, bo])
    report = upload(
        client,
        stack,
        held.id,
        "day-3",
        "Name,Email,Duration (Minutes)\n"
        "Ana,ana@school.example,30\n"
        "Ana,ANA@school.example,25\n"
        "Cy,cy@school.example,50\n"
        "Zed,zed@elsewhere.example,50\n"
        "Bo,bo@school.example,lots\n",
    )

    assert at_the_door.status_code == on_the_roster.status_code == report.status_code == 200, (
        at_the_door.body,
        on_the_roster.body,
        report.body,
    )
    assert body_of(at_the_door)["marked"] == 2
    assert body_of(report) == {
        "session_id": "day-3",
        "marked": 2,
        "problems": [{"line": 6, "problem": "the minutes 'lots' are not a number"}],
        "unknown_emails": ["zed@elsewhere.example"],
    }
    roster = body_of(client.http.get(f"/events/{held.id}/attendance", headers=signed_in(stack, STAFF)))
    by_code = {row["code"]: row for row in roster["rows"]}
    assert by_code[ana]["earned"] and by_code[ana]["minutes_by_session"] == {
        "day-1": 100,
        "day-2": 100,
        "day-3": 50,
    }
    assert not by_code[bo]["earned"] and by_code[bo]["reasons"] == ["Missed session 3."]
    assert by_code[cy]["reasons"] == ["Missed session 1.", "Missed session 2."]
    assert held.codes["Di"] not in by_code, "the waitlisted did not attend"

    report_rows = csv_rows(client, stack, f"/events/{held.id}/exports/credits.csv")
    earned = {row["code"]: row for row in report_rows if row["earned"] == "yes"}
    assert set(earned) == {ana} and earned[ana]["credits"] == "CEU 1.3; SEMI 10"
    certified = {row["code"]: row["certificate_code"] for row in report_rows if row["certificate_code"]}
    assert set(certified) == set(earned)
    check = body_of(client.http.get(f"/certificates/{certified[ana].lower()}"))
    assert check["valid"] is True
    assert check["certificate"] == {
        "code": certified[ana],
        "participant_name": "Ana Participant",
        "event_id": held.id,
        "event_title": "School Improvement Virtual Convening",
        "first_day": "2027-01-25T15:00:00Z",
        "last_day": "2027-01-27T15:50:00Z",
        "credits": [{"kind": "CEU", "amount": "1.3"}, {"kind": "SEMI", "amount": "10"}],
        "issued_at": check["certificate"]["issued_at"],
    }

    roster_rows = csv_rows(client, stack, f"/events/{held.id}/exports/roster.csv")
    assert [(row["name"], row["status"]) for row in roster_rows] == [
        ("Ana Participant", "confirmed"),
        ("Bo Participant", "confirmed"),
        ("Cy Participant", "confirmed"),
        ("Di Participant", "waitlisted"),
    ]
    assert roster_rows[1]["minutes_day-3"] == "0" and roster_rows[0]["attended_minutes"] == "250"


def test_with_a_minimum_share_of_80_percent_79_percent_earns_nothing_and_80_percent_earns_and_keeps_its_code(
    client, stack
):
    held = held_event(names=("Ana", "Bo"), minimum_percent=80)
    upload(client, stack, held.id, "day-1", "email,minutes\nana@school.example,100\nbo@school.example,100\n")
    upload(client, stack, held.id, "day-2", "email,minutes\nana@school.example,98\nbo@school.example,100\n")
    first = {row["code"]: row for row in csv_rows(client, stack, f"/events/{held.id}/exports/credits.csv")}

    upload(client, stack, held.id, "day-3", "email,minutes\nana@school.example,2\n")
    again = {row["code"]: row for row in csv_rows(client, stack, f"/events/{held.id}/exports/credits.csv")}

    ana, bo = held.codes["Ana"], held.codes["Bo"]
    assert (first[ana]["earned"], first[ana]["share_percent"]) == ("no", "79")
    assert first[ana]["reasons"] == "Attended 79% of the sessions' minutes (198 of 250); 80% is required."
    assert (first[bo]["earned"], first[bo]["share_percent"]) == ("yes", "80")
    assert again[ana]["earned"] == "yes" and again[bo]["certificate_code"] == first[bo]["certificate_code"]


def test_bad_attendance_is_refused_naming_the_field_and_nothing_is_recorded(client, stack):
    held = held_event(names=("Ana",), waitlisted=("Bo",))
    headers = signed_in(stack, STAFF)

    waitlisted = mark(client, stack, held.id, "day-1", "code", [held.codes["Ana"], held.codes["Bo"]])
    malformed = mark(client, stack, held.id, "day-1", "code", ["not-a-code"])
    no_columns = upload(client, stack, held.id, "day-1", "who,when\nana,today\n")
    no_session = mark(client, stack, held.id, "day-9", "roster", [held.codes["Ana"]])
    roster = body_of(client.http.get(f"/events/{held.id}/attendance", headers=headers))

    assert waitlisted.status_code == 422
    assert body_of(waitlisted)["error"]["fields"] == [
        {"field": "codes[1]", "problem": "is not the confirmation code of a confirmed registration"}
    ]
    assert malformed.status_code == 422 and body_of(malformed)["error"]["fields"][0]["field"].startswith(
        "codes"
    )
    assert no_columns.status_code == 422
    assert body_of(no_columns)["error"]["fields"] == [
        {
            "field": "csv",
            "problem": "The first row must name the columns; it has no an email and a minutes column.",
        }
    ]
    assert no_session.status_code == 404
    assert roster["rows"][0]["attended_minutes"] == 0


def test_a_code_nobody_was_given_is_not_valid_and_says_nothing_more(client):
    for code in ("AAAA-BBBB-CCCC", "nonsense"):
        response = client.http.get(f"/certificates/{code}")

        assert response.status_code == 200
        assert body_of(response) == {"valid": False, "certificate": None}


def test_staff_post_recordings_that_anyone_lists_for_a_published_event_in_session_order(client, stack):
    held = held_event()
    headers = signed_in(stack, STAFF)
    second = {"title": "Day two: coaching", "url": "https://video.example.org/day-2"}
    first = {"title": "Day one: opening", "url": "https://video.example.org/day-1"}

    posted = [
        post_json(client, f"/events/{held.id}/sessions/{session}/recordings", body, headers)
        for session, body in (("day-2", second), ("day-1", first))
    ]
    refused = post_json(
        client,
        f"/events/{held.id}/sessions/day-1/recordings",
        {"title": "x", "url": "javascript:alert(1)"},
        headers,
    )
    listed = body_of(client.http.get(f"/events/{held.id}/recordings"))

    assert [response.status_code for response in posted] == [201, 201]
    assert refused.status_code == 422 and body_of(refused)["error"]["fields"][0]["field"] == "url"
    assert [(item["session_id"], item["title"]) for item in listed["items"]] == [
        ("day-1", "Day one: opening"),
        ("day-2", "Day two: coaching"),
    ]
    draft = held_event(status="draft")
    assert client.http.get(f"/events/{draft.id}/recordings").status_code == 404


def test_whoever_earns_a_certificate_is_emailed_its_code_once(client, stack, workers):
    # Names no other test gives, so no other test's certificate can reach these addresses.
    held = held_event(names=("Gia", "Hal"))
    for session in ("day-1", "day-2", "day-3"):
        mark(client, stack, held.id, session, "roster", [held.codes["Gia"]])
    mark(client, stack, held.id, "day-1", "code", [held.codes["Hal"]])
    workers()

    roster = body_of(client.http.get(f"/events/{held.id}/attendance", headers=signed_in(stack, STAFF)))
    code = next(row["certificate_code"] for row in roster["rows"] if row["name"] == "Gia Participant")
    certificates = [sent for sent in stack.sent_emails() if sent.subject.startswith("Your certificate")]
    to_them = [sent for sent in certificates if {"gia@school.example", "hal@school.example"} & set(sent.to)]
    assert [(tuple(sent.to), sent.subject) for sent in to_them] == [
        (("gia@school.example",), "Your certificate for School Improvement Virtual Convening")
    ]
    assert code in to_them[0].body and "1.3 CEU, 10 SEMI" in to_them[0].body
