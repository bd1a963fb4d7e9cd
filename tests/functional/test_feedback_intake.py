"""POST /feedback and the submitter's receipt view, through the Chalice app on moto."""

from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json

VALID = {
    "team": "academic-achievement",
    "body": "Please report growth, not only proficiency, for small rural districts.",
    "policy_goals": ["distinguish-performance"],
    "submitter": {"name": "Dana Parent", "email": "dana@example.org", "role": "parent"},
    "consent_to_publish": True,
}


def submit(client: Any, document: Any = None, key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    return post_json(client, "/feedback", VALID if document is None else document, headers)


def test_submitting_feedback_answers_202_with_an_id_and_a_receipt(client, stack):
    response = submit(client)

    assert response.status_code == 202
    answer = body_of(response)
    assert answer["status"] == "received"
    assert len(answer["id"]) == 26
    assert len(answer["receipt"]) >= 32
    assert stack.count_items("feedback") == 1


def test_the_receipt_view_shows_status_team_and_history_but_never_the_email(client):
    answer = body_of(submit(client))

    response = client.http.get(f"/feedback/{answer['id']}?receipt={answer['receipt']}")

    assert response.status_code == 200
    view = body_of(response)
    assert view["status"] == "received"
    assert view["team"] == "academic-achievement"
    assert view["team_name"] == "Academic Achievement"
    assert [step["status"] for step in view["history"]] == ["received"]
    assert b"dana@example.org" not in response.body
    assert "receipt" not in view


@pytest.mark.parametrize("receipt", [None, "", "not-the-receipt"])
def test_a_missing_or_wrong_receipt_answers_404_like_an_unknown_id(client, receipt):
    answer = body_of(submit(client))
    query = "" if receipt is None else f"?receipt={receipt}"

    wrong = client.http.get(f"/feedback/{answer['id']}{query}")
    unknown = client.http.get(f"/feedback/01ARZ3NDEKTSV4RRFFQ69G5FAV?receipt={answer['receipt']}")

    assert wrong.status_code == unknown.status_code == 404
    assert body_of(wrong) == body_of(unknown)


def test_the_receipt_in_a_header_opens_the_receipt_view_as_the_query_does(client):
    answer = body_of(submit(client))

    by_header = client.http.get(f"/feedback/{answer['id']}", headers={"Receipt": answer["receipt"]})
    by_query = client.http.get(f"/feedback/{answer['id']}?receipt={answer['receipt']}")

    assert by_header.status_code == 200
    assert body_of(by_header) == body_of(by_query)


@pytest.mark.parametrize("second", ["right", "wrong"])
def test_a_receipt_sent_twice_in_the_query_is_refused_naming_the_receipt(client, second):
    answer = body_of(submit(client))
    other = answer["receipt"] if second == "right" else "not-the-receipt"

    response = client.http.get(f"/feedback/{answer['id']}?receipt=not-the-receipt&receipt={other}")

    assert response.status_code == 400
    assert [problem["field"] for problem in body_of(response)["error"]["fields"]] == ["receipt"]


def test_a_receipt_in_both_the_query_and_the_header_is_refused(client):
    answer = body_of(submit(client))

    response = client.http.get(
        f"/feedback/{answer['id']}?receipt={answer['receipt']}", headers={"Receipt": answer["receipt"]}
    )

    assert response.status_code == 400
    assert body_of(response)["error"]["fields"][0]["field"] == "receipt"


def test_a_retry_with_the_same_idempotency_key_returns_the_same_receipt_and_stores_one_record(client, stack):
    first = submit(client, key="parent-laptop-7f3a")
    retry = submit(client, key="parent-laptop-7f3a")

    assert first.status_code == retry.status_code == 202
    assert body_of(first) == body_of(retry)
    assert stack.count_items("feedback") == 1
    assert stack.count_items("event") == 1


def test_the_same_idempotency_key_with_another_body_is_refused_and_stores_nothing_more(client, stack):
    submit(client, key="reused-key")

    response = submit(client, {**VALID, "body": "A different message."}, key="reused-key")

    assert response.status_code == 409
    assert body_of(response)["error"]["fields"][0]["field"] == "Idempotency-Key"
    assert stack.count_items("feedback") == 1


def test_submissions_without_a_key_are_each_stored(client, stack):
    submit(client)
    submit(client)

    assert stack.count_items("feedback") == 2


@pytest.mark.parametrize("channel", ["general", "site", "systems-and-processes"])
def test_feedback_may_go_to_any_team_to_general_or_to_the_site_problem_channel(client, channel):
    assert submit(client, {**VALID, "team": channel}).status_code == 202


def test_only_the_body_team_and_consent_are_required(client):
    response = submit(client, {"team": "general", "body": "Thank you.", "consent_to_publish": False})

    assert response.status_code == 202
