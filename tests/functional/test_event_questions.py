"""Anyone asks about an event; the question waits for staff and the event's contact, who claim it under
the claim rule the moderation and approval queues use, answer it, and keep its history."""

from typing import Any

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.held_events import held_event

CONTACT = "member-academic-achievement"
# An address no other test writes from, so no other answer reaches it.
QUESTION = {
    "name": "Pat Rivera",
    "email": "pat.rivera@school.example",
    "question": "Will day two be recorded?",
}


def ask(client: Any, event_id: str, document: dict[str, Any] = QUESTION) -> Any:
    return post_json(client, f"/events/{event_id}/questions", document)


def test_a_question_is_claimed_by_the_contact_answered_and_leaves_the_queue_with_its_history(
    client, stack, workers
):
    held = held_event()
    asked = ask(client, held.id)
    question_id = body_of(asked)["id"]

    waiting = body_of(client.http.get("/queues/questions", headers=signed_in(stack, "staff")))
    claimed = client.http.post(f"/queues/questions/{question_id}/claim", headers=signed_in(stack, CONTACT))
    refused = post_json(
        client, f"/queues/questions/{question_id}/answer", {"answer": "Yes."}, signed_in(stack, "staff")
    )
    answered = post_json(
        client,
        f"/queues/questions/{question_id}/answer",
        {"answer": "Yes: every session is recorded and posted on the event's page."},
        signed_in(stack, CONTACT),
    )
    after = body_of(client.http.get("/queues/questions", headers=signed_in(stack, "staff")))
    kept = body_of(client.http.get(f"/events/{held.id}/questions", headers=signed_in(stack, CONTACT)))

    assert asked.status_code == 201
    assert [(item["id"], item["asker_email"]) for item in waiting["items"]] == [
        (question_id, "pat.rivera@school.example")
    ]
    assert claimed.status_code == 200 and body_of(claimed)["claimed_by"] == f"{CONTACT}@example.org"
    assert refused.status_code == 409
    assert body_of(refused)["error"]["fields"][0]["field"] == "claim"
    assert answered.status_code == 200 and body_of(answered)["status"] == "answered"
    assert after["items"] == []
    assert [step["action"] for step in kept["items"][0]["history"]] == ["asked", "claimed", "answered"]
    workers()
    emails = [sent for sent in stack.sent_emails() if "pat.rivera@school.example" in sent.to]
    assert [sent.subject for sent in emails] == [
        "An answer to your question about School Improvement Virtual Convening"
    ]
    assert "every session is recorded and posted" in emails[0].body


def test_a_question_about_a_draft_or_unknown_event_or_with_a_bad_field_is_refused(client):
    draft = held_event(status="draft")

    assert ask(client, draft.id).status_code == 404
    assert ask(client, "01JNOSUCHEVENT0000000000000").status_code == 404
    missing_email = ask(client, held_event().id, {"name": "Pat", "question": "When?"})
    assert missing_email.status_code == 422
    assert [field["field"] for field in body_of(missing_email)["error"]["fields"]] == ["email"]
