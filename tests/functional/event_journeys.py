"""Events as staff make them and the public registers for them, through the API, for tests that need an
event in a given state."""

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in

FIRST_DAY = datetime(2027, 3, 25, 14, 0, tzinfo=UTC)


def event_details(**changes: Any) -> dict[str, Any]:
    """A convening for schools in CSI and TSI: three sessions over two and a half days."""
    sessions = [
        {"starts_at": _iso(FIRST_DAY), "ends_at": _iso(FIRST_DAY + timedelta(hours=6))},
        {
            "starts_at": _iso(FIRST_DAY + timedelta(days=1)),
            "ends_at": _iso(FIRST_DAY + timedelta(days=1, hours=6)),
        },
        {
            "starts_at": _iso(FIRST_DAY + timedelta(days=2)),
            "ends_at": _iso(FIRST_DAY + timedelta(days=2, hours=3)),
        },
    ]
    details = {
        "title": "School improvement convening",
        "description": "Two and a half days for schools identified for support.",
        "kind": "convening",
        "audience": {"support_categories": ["CSI", "TSI"]},
        "sessions": sessions,
        "registration_opens_at": "2026-01-01T00:00:00Z",
        "registration_closes_at": "2030-01-01T00:00:00Z",
        "capacity": 50,
        "credits": [{"kind": "CEU", "amount": 1.3}, {"kind": "SEMI", "amount": 10}],
        "credit_rule": {"kind": "every_session"},
        "contact": {"name": "Pat Lee", "email": "pat.lee@example.org"},
        "meeting_link": "https://meet.example.org/convening-2027",
    }
    return {**details, **changes}


def edit_event(client: Any, stack: Any, event_id: str, document: dict[str, Any]) -> Any:
    return post_json(client, f"/events/{event_id}/edits", document, signed_in(stack, "staff"))


def create_event(client: Any, stack: Any, **changes: Any) -> dict[str, Any]:
    response = post_json(client, "/events", event_details(**changes), signed_in(stack, "staff"))
    assert response.status_code == 201, response.body
    return body_of(response)


def published_event(client: Any, stack: Any, **changes: Any) -> dict[str, Any]:
    created = create_event(client, stack, **changes)
    response = post_json(
        client,
        f"/events/{created['id']}/publication",
        {"version": created["version"]},
        signed_in(stack, "staff"),
    )
    assert response.status_code == 200, response.body
    return body_of(response)


def registrant(number: int, tag: str = "", **changes: Any) -> dict[str, Any]:
    """A school leader's registration; a test that reads emails tags its addresses as its own."""
    return {
        "name": f"Registrant {number}",
        "email": registrant_email(number, tag),
        "role": "principal",
        "district": "Springfield R-XII",
        "school": f"School {number}",
        "support_category": "CSI",
        **changes,
    }


def registrant_email(number: int, tag: str = "") -> str:
    return f"registrant-{number}{'-' + tag if tag else ''}@example.org"


def register(client: Any, event_id: str, form: dict[str, Any]) -> Any:
    return post_json(client, f"/events/{event_id}/registrations", form)


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")
