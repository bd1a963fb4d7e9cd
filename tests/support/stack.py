"""A moto server with the project's resources, and demo users whose tokens are real RS256 JWTs. Every demo
user has set up their authenticator app, as the pool requires: a sign-in asks for its code
(`authenticator_code`)."""

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from infra.local import authenticator
from infra.local.moto_server import KeepAliveMotoServer
from infra.local.outbox import OUTBOX_FILE, SentEmail, sent_emails
from infra.local.resources import LocalResources, create_resources
from infra.local.sent_mail import record_new_messages
from tests.support.ports import free_port

PASSWORD = "Correct-Horse-42"
SENDER = "no-reply@example.org"
UNLIMITED_SUBMISSIONS = 1_000_000
# Each demo user's authenticator key, by email, as their app would hold it.
AUTHENTICATOR_KEYS: dict[str, str] = {}


@dataclass
class TestStack:
    endpoint: str
    table_name: str
    user_pool_id: str
    client_id: str
    other_client_id: str
    server: KeepAliveMotoServer
    resources: LocalResources
    users: dict[str, str] = field(default_factory=dict)
    outbox: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="outbox-")) / OUTBOX_FILE)

    def aws(self, service: str) -> Any:
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1")

    def id_token(self, username: str, client_id: str | None = None) -> str:
        tokens = authenticator.signed_in_with_code(
            self.aws("cognito-idp"),
            self.user_pool_id,
            client_id or self.client_id,
            email_of(username),
            PASSWORD,
            AUTHENTICATOR_KEYS[email_of(username)],
        )
        return str(tokens["IdToken"])

    def sent_emails(self) -> list[SentEmail]:
        """Every email moto's SES has accepted in this process, oldest first, read as `make outbox` reads
        the local stack's."""
        record_new_messages(self.outbox)
        return sent_emails(self.outbox)

    def add_user(self, username: str, groups: list[str]) -> None:
        _add_user(self.aws("cognito-idp"), self.user_pool_id, username, groups, client_id=self.client_id)

    def delete_all_items(self) -> None:
        dynamodb = self.aws("dynamodb")
        for page in dynamodb.get_paginator("scan").paginate(TableName=self.table_name):
            for item in page["Items"]:
                dynamodb.delete_item(TableName=self.table_name, Key={"PK": item["PK"], "SK": item["SK"]})

    def count_items(self, entity: str) -> int:
        pages = (
            self.aws("dynamodb")
            .get_paginator("scan")
            .paginate(
                TableName=self.table_name,
                FilterExpression="entity = :entity",
                ExpressionAttributeValues={":entity": {"S": entity}},
            )
        )
        return sum(page["Count"] for page in pages)


def start_stack(users: dict[str, list[str]]) -> TestStack:
    port = free_port()
    server = KeepAliveMotoServer("127.0.0.1", port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    resources = create_resources()
    cognito = boto3.client("cognito-idp", endpoint_url=endpoint, region_name="us-east-1")
    other_client = cognito.create_user_pool_client(
        UserPoolId=resources.user_pool_id, ClientName="another-app", ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH"]
    )["UserPoolClient"]["ClientId"]
    stack = TestStack(
        endpoint=endpoint,
        table_name=resources.table_name,
        user_pool_id=resources.user_pool_id,
        client_id=resources.user_pool_client_id,
        other_client_id=other_client,
        server=server,
        resources=resources,
    )
    for username, groups in users.items():
        _add_user(cognito, stack.user_pool_id, username, groups, client_id=stack.client_id)
    os.environ.update(
        resources.app_environment(),
        JWKS_URL=f"{endpoint}/{stack.user_pool_id}/.well-known/jwks.json",
        FORM_TOKEN_SECRET="functional-tests-form-secret",
        SENDER_EMAIL=SENDER,
        # chalice's test client gives every request one source address; the tests' submissions stand for
        # many people. tests/functional/test_abuse.py puts the product's limit back.
        SUBMISSIONS_PER_SOURCE_PER_MINUTE=str(UNLIMITED_SUBMISSIONS),
    )
    boto3.client("ses", endpoint_url=endpoint, region_name="us-east-1").verify_email_identity(
        EmailAddress=SENDER
    )
    return stack


def email_of(name: str) -> str:
    return f"{name}@example.org"


def authenticator_code(email: str) -> str:
    """The code a demo user's authenticator app shows now."""
    return authenticator.current_code(AUTHENTICATOR_KEYS[email])


def _add_user(cognito: Any, pool_id: str, username: str, groups: list[str], client_id: str) -> None:
    for group in groups:
        with contextlib.suppress(cognito.exceptions.GroupExistsException):
            cognito.create_group(UserPoolId=pool_id, GroupName=group)
    cognito.admin_create_user(
        UserPoolId=pool_id,
        Username=email_of(username),
        UserAttributes=[{"Name": "email", "Value": email_of(username)}],
        MessageAction="SUPPRESS",
    )
    cognito.admin_set_user_password(
        UserPoolId=pool_id, Username=email_of(username), Password=PASSWORD, Permanent=True
    )
    key = authenticator.enrol(cognito, pool_id, client_id, email_of(username), PASSWORD)
    assert key is not None, f"{username} had an authenticator already"
    AUTHENTICATOR_KEYS[email_of(username)] = key
    for group in groups:
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=email_of(username), GroupName=group)
