"""A moto server for the local-stack tests. moto keeps its state per process, per account and region,
and other suites in this process use us-east-1; each test here gets a region of its own, so tests never
see each other's tables, queues or users."""

import logging
from collections.abc import Iterator
from typing import Any

import boto3
import jwt
import pytest
from moto.backends import get_backend

from infra.local import authenticator
from infra.local.accounts import DemoAccount
from infra.local.clients import AwsClients
from infra.local.moto_server import KeepAliveMotoServer
from infra.local.resources import LocalResources, create_resources
from infra.local.template import ACCOUNT_ID
from tests.support.ports import free_port

_SERVICES = ("dynamodb", "dynamodbstreams", "sqs", "cognito-idp", "ses")


def _regions() -> Iterator[str]:
    """Each region once; then, when a worker has used them all, again from the first (the longest
    unused), emptied first: the moto server runs in this process, so its state can be reset here."""
    session = boto3.session.Session()
    usable = set.intersection(*(set(session.get_available_regions(service)) for service in _SERVICES))
    regions = sorted(usable - {"us-east-1"})
    yield from regions
    while True:
        for region in regions:
            for service in _SERVICES:
                get_backend(service)[ACCOUNT_ID][region].reset()
            yield region


_REGIONS = _regions()


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = KeepAliveMotoServer("127.0.0.1", port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def fresh_clients(endpoint: str) -> AwsClients:
    """Clients for a region no other test has used: as good as a fresh moto server."""
    return AwsClients.create(endpoint, region=next(_REGIONS))


@pytest.fixture
def clients(moto_endpoint: str) -> AwsClients:
    return fresh_clients(moto_endpoint)


@pytest.fixture
def resources(clients: AwsClients) -> LocalResources:
    return create_resources(clients=clients)


def sign_in(clients: AwsClients, resources: LocalResources, account: DemoAccount) -> dict[str, Any]:
    """The ID token's claims of a demo account, signed in with its password and its authenticator's code."""
    tokens = authenticator.signed_in_with_code(
        clients.cognito,
        resources.user_pool_id,
        resources.user_pool_client_id,
        account.email,
        account.password,
        account.authenticator_key,
    )
    claims: dict[str, Any] = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
    return claims


@pytest.fixture(scope="module")
def shared_table(stack: Any) -> Iterator[tuple[Any, str]]:
    """A DynamoDB client and the product's table, for a module whose tests keep to keys of their own: the
    functional tests' table, so it takes no region; emptied afterwards."""
    yield stack.aws("dynamodb"), stack.table_name
    stack.delete_all_items()
