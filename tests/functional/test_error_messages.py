"""Error messages speak of the request, never of the code behind it: no parser, codec or token library
text, no Python representation of a value."""

import json
import time
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.journeys import send_feedback
from tests.functional.test_sign_in import me, moto_signing_key

INTERNALS = (
    "Expecting",
    "line 1 column",
    "codec",
    "can't decode",
    "Traceback",
    "<",
    "Not enough segments",
    "padding",
    "Invalid header",
    "Invalid payload",
    "Invalid crypto",
    "alg value",
    "Signature verification",
)
TEAM = "academic-achievement"


def shown(response: Any) -> str:
    return json.dumps(body_of(response)["error"])


@pytest.mark.parametrize(
    "raw",
    [b'{"team": ', b"\xff\xfe\x00", b"{'team': 'general'}", b'{"team": "general",}', b"\xef\xbb\xbf{}"],
)
def test_a_body_that_is_not_json_is_refused_without_the_parsers_words(client, raw):
    response = client.http.post("/feedback", headers={"Content-Type": "application/json"}, body=raw)

    assert response.status_code == 400
    assert not [word for word in INTERNALS if word in shown(response)]


@pytest.mark.parametrize(
    "token",
    [
        "abc",
        "a.b.c",
    ],
)
def test_a_malformed_token_is_refused_without_the_token_librarys_words(client, token):
    signed_in_route = me(client, token)
    export = client.http.get("/exports/feedback.csv", headers={"Authorization": f"Bearer {token}"})

    for response in (signed_in_route, export):
        assert response.status_code == 401
        assert not [word for word in INTERNALS if word in shown(response)]


def test_a_token_from_a_foreign_issuer_is_refused_without_the_token_librarys_words(client, stack):
    kid, key = moto_signing_key()
    now = int(time.time())
    token = jwt_for(kid, key, {"aud": "anyone", "iss": "https://example.org", "sub": "x", "iat": now})

    response = me(client, token)

    assert response.status_code == 401
    assert "issuer" not in shown(response).lower()


def jwt_for(kid: str, key: Any, claims: dict[str, Any]) -> str:
    import jwt

    return jwt.encode({**claims, "exp": claims["iat"] + 10**9, "token_use": "id"}, key, "RS256", {"kid": kid})


def test_marking_an_inbox_item_with_a_state_it_cannot_take_names_the_states_plainly(client, stack, workers):
    sent = send_feedback(client, TEAM, "Growth matters more than one score.")
    workers()

    response = post_json(
        client, f"/teams/{TEAM}/inbox/{sent['id']}", {"state": "new"}, signed_in(stack, f"member-{TEAM}")
    )

    assert response.status_code == 422
    problem = body_of(response)["error"]["fields"][0]
    assert problem["field"] == "state"
    assert "acknowledged" in problem["problem"] and "considered" in problem["problem"]
    assert "TeamState" not in shown(response) and "<" not in shown(response)
