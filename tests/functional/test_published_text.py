"""Text that shows nothing is refused as empty, and published text never carries the bidirectional
controls that would make it, or the CSV line after it, read other than it is."""

import json
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import DRAFT, approve, publish_feedback, send_feedback, start_recommendation
from tests.functional.test_exports import export

TEAM = "academic-achievement"
MEMBER = f"member-{TEAM}"
BIDI_CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def with_every_bidi_control(text: str) -> str:
    return "".join(
        f"{control}{word} " for control, word in zip(BIDI_CONTROLS, text.split() * 9, strict=False)
    )


def carries_a_bidi_control(document: Any) -> bool:
    shown = json.dumps(document, ensure_ascii=False)
    return any(control in shown for control in BIDI_CONTROLS)


@pytest.mark.parametrize("text", ["\u200b", "\u200b\u200c\u200d\u2060", "\u202e", "\ufeff", " \u2066\u2069 "])
def test_feedback_made_only_of_invisible_characters_is_refused_as_empty(client, stack, text):
    response = post_json(client, "/feedback", {"team": TEAM, "body": text, "consent_to_publish": True})

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"] == [{"field": "body", "problem": "must not be empty"}]
    assert stack.count_items("feedback") == 0


def test_a_recommendation_titled_only_with_invisible_characters_is_refused_as_empty(client, stack):
    response = post_json(
        client, f"/teams/{TEAM}/recommendations", {**DRAFT, "title": "\u202e\u200b"}, signed_in(stack, MEMBER)
    )

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"] == [{"field": "title", "problem": "must not be empty"}]


def test_published_feedback_shows_without_bidirectional_controls_on_its_page_and_in_the_export(
    client, stack, workers
):
    sent = send_feedback(client, TEAM, with_every_bidi_control("Growth matters more than one score."))
    workers()
    publish_feedback(client, stack, sent["id"])

    page = body_of(client.http.get(f"/teams/{TEAM}/feedback"))["items"]
    _, rows = export(client, "feedback.csv")
    _, staff_rows = export(client, "feedback.csv", signed_in(stack, "staff"))

    assert [item["id"] for item in page] == [sent["id"]]
    assert "Growth" in page[0]["body"]
    assert not carries_a_bidi_control([page, rows, staff_rows])


def test_a_published_recommendation_shows_without_bidirectional_controls_wherever_it_is_shown(
    client, stack, workers
):
    sent = send_feedback(client, TEAM, "Growth matters more than one score.")
    workers()
    publish_feedback(client, stack, sent["id"])
    rec_id = start_recommendation(
        client,
        stack,
        TEAM,
        title=with_every_bidi_control("Report growth"),
        body=with_every_bidi_control("Publish growth for every building."),
        change_summary=with_every_bidi_control("First draft."),
    )
    linked = post_json(
        client, f"/recommendations/{rec_id}/links", {"feedback_id": sent["id"]}, signed_in(stack, MEMBER)
    )
    assert linked.status_code == 201, linked.body
    approve(client, stack, TEAM, rec_id)

    shown = [
        body_of(client.http.get("/recommendations")),
        body_of(client.http.get(f"/recommendations/{rec_id}")),
        body_of(client.http.get(f"/feedback/{sent['id']}?receipt={sent['receipt']}")),
        export(client, "recommendations.csv")[1],
        export(client, "recommendations.csv", signed_in(stack, "staff"))[1],
    ]

    assert "Report" in shown[1]["title"] and "growth" in shown[1]["body"]
    assert not carries_a_bidi_control(shown)
