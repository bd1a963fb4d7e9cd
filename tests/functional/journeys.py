"""The steps people take, as the API sees them, for tests that need an object in a given state."""

from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.support.form import filled_in_form_token

DRAFT = {
    "title": "Report growth beside proficiency",
    "body": "Publish growth for every building.\n\nShow it beside proficiency on the report card.",
    "policy_goals": ["distinguish-performance"],
    "change_summary": "First draft.",
}


def send_feedback(client: Any, team: str, body: str, *, consent: bool = True) -> dict[str, Any]:
    document = {
        "team": team,
        "body": body,
        "consent_to_publish": consent,
        "form_token": filled_in_form_token(),
    }
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return body_of(response)


def publish_feedback(client: Any, stack: Any, feedback_id: str) -> None:
    response = post_json(
        client, f"/queues/moderation/{feedback_id}/decision", {"action": "publish"}, signed_in(stack, "staff")
    )
    assert response.status_code == 200, response.body


def start_recommendation(client: Any, stack: Any, team: str, **changes: Any) -> str:
    response = post_json(
        client, f"/teams/{team}/recommendations", {**DRAFT, **changes}, signed_in(stack, f"member-{team}")
    )
    assert response.status_code == 201, response.body
    return body_of(response)["recommendation"]["id"]


def revise(client: Any, stack: Any, team: str, rec_id: str, base: int, **changes: Any) -> None:
    document = {**DRAFT, "change_summary": "Revised.", **changes, "base_revision": base}
    response = post_json(
        client, f"/recommendations/{rec_id}/revisions", document, signed_in(stack, f"member-{team}")
    )
    assert response.status_code == 201, response.body


def approve(client: Any, stack: Any, team: str, rec_id: str, revision: int = 1) -> None:
    submitted = post_json(
        client,
        f"/recommendations/{rec_id}/submission",
        {"revision": revision},
        signed_in(stack, f"member-{team}"),
    )
    assert submitted.status_code == 200, submitted.body
    approved = post_json(
        client,
        f"/queues/approval/{rec_id}/decision",
        {"action": "approve", "revision": revision},
        signed_in(stack, "staff"),
    )
    assert approved.status_code == 200, approved.body


def link(client: Any, stack: Any, rec_id: str, feedback_id: str, who: str) -> Any:
    return post_json(
        client, f"/recommendations/{rec_id}/links", {"feedback_id": feedback_id}, signed_in(stack, who)
    )
