"""Bad input of any kind gets a 4xx naming the field and the problem, never a 5xx."""

import json

import pytest

from tests.functional.conftest import body_of
from tests.functional.test_feedback_intake import VALID


def with_changes(**changes):
    return json.dumps({**VALID, **changes})


CASES = {
    "malformed JSON": ('{"team": "general", "body": ', 400, "body"),
    "a JSON array": ("[1, 2, 3]", 400, "body"),
    "a JSON string": ('"hello"', 400, "body"),
    "an empty request": ("", 400, "body"),
    "an unknown field": (with_changes(status="published"), 422, "status"),
    "a number for the body": (with_changes(body=42), 422, "body"),
    "a string for consent": (with_changes(consent_to_publish="yes please"), 422, "consent_to_publish"),
    "an empty body": (with_changes(body=""), 422, "body"),
    "a whitespace-only body": (with_changes(body="   \n\t "), 422, "body"),
    "an over-long body": (with_changes(body="x" * 5001), 422, "body"),
    "an unknown team": (with_changes(team="football"), 422, "team"),
    "an unknown policy goal": (with_changes(policy_goals=["world-peace"]), 422, "policy_goals.0"),
    "a bad email": (with_changes(submitter={"email": "dana at example"}), 422, "submitter.email"),
    "an unknown role": (with_changes(submitter={"role": "astronaut"}), 422, "submitter.role"),
    "a NUL byte": (with_changes(body="hello\u0000world"), 422, "body"),
    "a missing consent": (json.dumps({"team": "general", "body": "hi"}), 422, "consent_to_publish"),
    "a request over 64 KiB": (with_changes(body="x" * 70_000), 413, None),
}


@pytest.mark.parametrize("case", CASES.keys())
def test_bad_feedback_is_refused_with_a_json_error_naming_the_field(client, stack, case):
    raw, status, field = CASES[case]

    response = client.http.post("/feedback", headers={"Content-Type": "application/json"}, body=raw)

    assert response.status_code == status
    error = body_of(response)["error"]
    assert error["code"] and error["message"]
    if field is not None:
        assert field in [problem["field"] for problem in error["fields"]]
    assert stack.count_items("feedback") == 0


def test_a_body_that_is_not_json_is_refused_with_415_in_the_same_error_shape(client):
    response = client.http.post("/feedback", headers={"Content-Type": "text/plain"}, body="hello")

    assert response.status_code == 415
    assert body_of(response)["error"]["code"] == "unsupported_media_type"


def test_an_unsupported_method_is_refused_with_405_and_the_allowed_methods(client):
    response = client.http.put("/feedback", headers={"Content-Type": "application/json"}, body="{}")

    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert body_of(response)["error"]["code"] == "method_not_allowed"


def test_an_overlong_idempotency_key_is_refused_and_named(client):
    response = client.http.post(
        "/feedback",
        headers={"Content-Type": "application/json", "Idempotency-Key": "k" * 300},
        body=json.dumps(VALID),
    )

    assert response.status_code == 422
    assert body_of(response)["error"]["fields"][0]["field"] == "Idempotency-Key"
