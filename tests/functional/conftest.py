"""What the functional tests say to the app: signed-in headers, JSON bodies. The fixtures live in
tests/support/fixtures.py, shared with the page tests."""

import json
from typing import Any

from chalice.test import Client

from tests.support.fixtures import FAST_PUMP, USERS
from tests.support.stack import TestStack

__all__ = ["FAST_PUMP", "USERS", "body_of", "post_json", "signed_in"]


def signed_in(stack: TestStack, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack.id_token(username)}"}


def post_json(client: Client, path: str, document: Any, headers: dict[str, str] | None = None) -> Any:
    return client.http.post(
        path, headers={"Content-Type": "application/json", **(headers or {})}, body=json.dumps(document)
    )


def body_of(response: Any) -> Any:
    return json.loads(response.body)
