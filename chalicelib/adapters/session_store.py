"""Sessions of the signed-in pages, one item each, gone on their own at `expires_at` (the table's TTL)."""

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import condition_failed, speaks_domain_errors
from chalicelib.adapters.entities import Entity
from chalicelib.domain.errors import StaleVersionError
from chalicelib.domain.sessions import Session, Stage


@speaks_domain_errors
class DynamoSessionStore:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def get(self, key: str) -> Session | None:
        found = self._dynamodb.get_item(TableName=self._table, Key=_key(key), ConsistentRead=True).get("Item")
        return _session(found) if found else None

    def add(self, session: Session) -> None:
        self._dynamodb.put_item(
            TableName=self._table,
            Item=_item(session),
            ConditionExpression="attribute_not_exists(PK)",
        )

    def update(self, session: Session) -> Session:
        """Stores `session` over the version it was read at; another request's write first is a conflict."""
        stored = replace(session, version=session.version + 1)
        try:
            self._dynamodb.put_item(
                TableName=self._table,
                Item=_item(stored),
                ConditionExpression="version = :read",
                ExpressionAttributeValues={":read": {"N": str(session.version)}},
            )
        except ClientError as error:
            if condition_failed(error):
                raise StaleVersionError("The session changed meanwhile.") from None
            raise
        return stored

    def remove(self, key: str) -> None:
        self._dynamodb.delete_item(TableName=self._table, Key=_key(key))


def _key(key: str) -> dict[str, Any]:
    return {"PK": {"S": keys.session_pk(key)}, "SK": {"S": keys.SESSION_SK}}


def _item(session: Session) -> dict[str, Any]:
    item: dict[str, Any] = {
        **_key(session.key),
        "entity": {"S": Entity.SESSION},
        "stage": {"S": session.stage.value},
        "csrf_token": {"S": session.csrf_token},
        "version": {"N": str(session.version)},
        "expires_at": {"N": str(int(session.expires_at.timestamp()))},
    }
    for name in ("id_token", "refresh_token", "username", "challenge", "email", "authenticator_key"):
        if value := getattr(session, name):
            item[name] = {"S": value}
    if session.refresh_at is not None:
        item["refresh_at"] = {"N": str(session.refresh_at.timestamp())}
    return item


def _session(item: dict[str, Any]) -> Session:
    def text(name: str) -> str:
        return str(item.get(name, {}).get("S", ""))

    refresh_at = item.get("refresh_at", {}).get("N")
    return Session(
        key=text("PK").removeprefix("SESSION#"),
        stage=Stage(text("stage")),
        csrf_token=text("csrf_token"),
        expires_at=datetime.fromtimestamp(int(item["expires_at"]["N"]), UTC),
        version=int(item["version"]["N"]),
        id_token=text("id_token"),
        refresh_token=text("refresh_token"),
        refresh_at=datetime.fromtimestamp(float(refresh_at), UTC) if refresh_at else None,
        username=text("username"),
        challenge=text("challenge"),
        email=text("email"),
        authenticator_key=text("authenticator_key"),
    )
