import json
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.test import Client

from tests.support.stack import TestStack, start_stack

USERS = {
    "admin": ["admin"],
    "staff": ["staff"],
    "member-academic-achievement": ["team-academic-achievement"],
    "member-systems-and-processes": ["team-systems-and-processes"],
}


@pytest.fixture(scope="session")
def stack() -> Iterator[TestStack]:
    started = start_stack(USERS)
    yield started
    started.server.stop()


@pytest.fixture(scope="session")
def chalice_app(stack: TestStack) -> Any:
    from app import app

    return app


@pytest.fixture
def client(chalice_app: Any, stack: TestStack) -> Iterator[Client]:
    stack.delete_all_items()
    with Client(chalice_app) as test_client:
        yield test_client


def post_json(client: Client, path: str, document: Any, headers: dict[str, str] | None = None) -> Any:
    return client.http.post(
        path, headers={"Content-Type": "application/json", **(headers or {})}, body=json.dumps(document)
    )


def body_of(response: Any) -> Any:
    return json.loads(response.body)
