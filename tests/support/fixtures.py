"""The moto-backed stack, the app and its workers, shared by the functional and the page tests."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chalice.test import Client

from infra.local.clients import AwsClients
from infra.local.pump import EventPump, PumpSettings
from tests.support.deployed_client import DeployedClient
from tests.support.http_server import served_over_http
from tests.support.stack import TestStack, start_stack

FAST_PUMP = PumpSettings(
    sqs_wait_seconds=1, retry_delay_seconds=0, stream_poll_seconds=0.05, stream_backoff_seconds=0.05
)

USERS = {
    "admin": ["admin"],
    "staff": ["staff"],
    "other-staff": ["staff"],
    "member-climate-and-culture": ["team-climate-and-culture"],
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


@pytest.fixture(scope="module")
def event_pump(chalice_app: Any, stack: TestStack) -> Iterator[EventPump]:
    """Lambda's event source mappings for the app: the table's stream and the work queues."""
    clients = AwsClients.create(stack.endpoint, "us-east-1")
    pump = EventPump(chalice_app, clients, stack.resources, FAST_PUMP)
    pump.start()
    yield pump
    pump.stop()


@pytest.fixture
def client(chalice_app: Any, stack: TestStack) -> Iterator[Client]:
    stack.delete_all_items()
    with DeployedClient(chalice_app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_url(chalice_app: Any, stack: TestStack) -> Iterator[str]:
    """The app served over HTTP by the local server `make run` uses."""
    with served_over_http(chalice_app) as url:
        yield url


@pytest.fixture
def workers(event_pump: EventPump, client: Client) -> Callable[[], None]:
    """Runs the workers until every stored change has been routed, screened and notified."""
    event_pump.drain(timeout=30)

    def settle() -> None:
        assert event_pump.drain(timeout=60), "the workers did not settle within 60 s"

    return settle
