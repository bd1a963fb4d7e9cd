"""Keeps the local stack's data across restarts: moto keeps everything in memory and has no persistence
of its own, so the table's items, the messages waiting in the queues and the user pool's groups and
users are written to one JSON file, atomically, every few seconds when something changed and on stop.

Restore runs into a fresh moto before the event pump starts, so restored items are not fed to the
stream handler again (the pump starts reading the stream at LATEST).
"""

import base64
import contextlib
import json
import logging
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infra.local import moto_state
from infra.local.clients import AwsClients
from infra.local.dynamo_json import decode_item, encode_item
from infra.local.resources import LocalResources

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_BATCH_WRITE_LIMIT = 25
_SEND_BATCH_LIMIT = 10


def capture(clients: AwsClients, resources: LocalResources) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "tables": {
            logical_id: _table_items(clients, table.name) for logical_id, table in resources.tables.items()
        },
        "queues": {
            logical_id: moto_state.queue_messages(clients.region, queue.name)
            for logical_id, queue in resources.queues.items()
        },
        "user_pool": _user_pool(clients, resources.user_pool_id),
    }


def restore(clients: AwsClients, resources: LocalResources, snapshot: dict[str, Any]) -> None:
    if snapshot.get("version") != FORMAT_VERSION:
        log.warning("snapshot format %s is not %s; starting empty", snapshot.get("version"), FORMAT_VERSION)
        return
    _restore_user_pool(clients, resources.user_pool_id, snapshot.get("user_pool") or {})
    for logical_id, items in snapshot.get("tables", {}).items():
        if logical_id in resources.tables:
            _put_items(clients, resources.tables[logical_id].name, items)
    for logical_id, messages in snapshot.get("queues", {}).items():
        if logical_id in resources.queues:
            _send_messages(clients, resources.queues[logical_id].url, messages)


def write_atomically(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
        json.dump(document, out, separators=(",", ":"))
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(path)


def read(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


BUSY_SHARE = 4


class PeriodicSnapshots:
    """Saves the state every `interval` seconds when it changed, and once more on `stop()`. A capture of a
    large table takes a while and shares the process with moto: the pause after each save is at least
    `BUSY_SHARE` times as long as the save took, so saving never takes more than a fifth of the time."""

    def __init__(
        self, path: Path, clients: AwsClients, resources: LocalResources, interval: float = 2.0
    ) -> None:
        self.path = path
        self._clients = clients
        self._resources = resources
        self._interval = interval
        self._last_saved: str | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="snapshots", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def save_if_changed(self) -> bool:
        with self._lock:
            document = capture(self._clients, self._resources)
            text = json.dumps(document, sort_keys=True)
            if text == self._last_saved:
                return False
            write_atomically(self.path, {**document, "saved_at": datetime.now(UTC).isoformat()})
            self._last_saved = text
            return True

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        self.save_if_changed()

    def _run(self) -> None:
        pause = self._interval
        while not self._stopping.wait(pause):
            started = time.monotonic()
            try:
                self.save_if_changed()
            except Exception:
                log.exception("could not save a snapshot; will try again")
            pause = max(self._interval, BUSY_SHARE * (time.monotonic() - started))


def _table_items(clients: AwsClients, table_name: str) -> list[dict[str, Any]]:
    pages = clients.dynamodb.get_paginator("scan").paginate(TableName=table_name, ConsistentRead=True)
    return [encode_item(item) for page in pages for item in page["Items"]]


def _put_items(clients: AwsClients, table_name: str, items: list[dict[str, Any]]) -> None:
    for start in range(0, len(items), _BATCH_WRITE_LIMIT):
        requests = [
            {"PutRequest": {"Item": decode_item(item)}} for item in items[start : start + _BATCH_WRITE_LIMIT]
        ]
        pending: dict[str, Any] = {table_name: requests}
        while pending:
            pending = clients.dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}


def _send_messages(clients: AwsClients, queue_url: str, messages: list[dict[str, Any]]) -> None:
    for start in range(0, len(messages), _SEND_BATCH_LIMIT):
        entries = []
        for index, message in enumerate(messages[start : start + _SEND_BATCH_LIMIT]):
            entry: dict[str, Any] = {
                "Id": str(index),
                "MessageBody": message["body"],
                "MessageAttributes": {
                    name: _decode_message_attribute(value)
                    for name, value in message["message_attributes"].items()
                },
            }
            if message.get("group_id"):
                entry["MessageGroupId"] = message["group_id"]
            if message.get("deduplication_id"):
                entry["MessageDeduplicationId"] = message["deduplication_id"]
            entries.append(entry)
        failed = clients.sqs.send_message_batch(QueueUrl=queue_url, Entries=entries).get("Failed")
        if failed:
            raise RuntimeError(f"could not restore messages into {queue_url}: {failed}")


def _decode_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(value)
    if isinstance(decoded.get("BinaryValue"), str):
        decoded["BinaryValue"] = base64.b64decode(decoded["BinaryValue"])
    return decoded


def _user_pool(clients: AwsClients, user_pool_id: str) -> dict[str, Any]:
    cognito = clients.cognito
    groups = [
        group
        for page in cognito.get_paginator("list_groups").paginate(UserPoolId=user_pool_id)
        for group in page["Groups"]
    ]
    members: dict[str, list[str]] = {}
    for group in groups:
        pages = cognito.get_paginator("list_users_in_group").paginate(
            UserPoolId=user_pool_id, GroupName=group["GroupName"]
        )
        for user in (user for page in pages for user in page["Users"]):
            members.setdefault(user["Username"], []).append(group["GroupName"])
    passwords = moto_state.user_passwords(clients.region, user_pool_id)
    users = [
        {
            "username": user["Username"],
            "attributes": user["Attributes"],
            "enabled": user["Enabled"],
            "status": user["UserStatus"],
            "password": passwords.get(user["Username"]),
            "groups": sorted(members.get(user["Username"], [])),
        }
        for page in cognito.get_paginator("list_users").paginate(UserPoolId=user_pool_id)
        for user in page["Users"]
    ]
    return {
        "groups": [
            {key: group[key] for key in ("GroupName", "Description", "Precedence") if key in group}
            for group in groups
        ],
        "users": sorted(users, key=lambda user: user["username"]),
    }


def _restore_user_pool(clients: AwsClients, user_pool_id: str, saved: dict[str, Any]) -> None:
    cognito = clients.cognito
    for group in saved.get("groups", []):
        with contextlib.suppress(cognito.exceptions.GroupExistsException):
            cognito.create_group(UserPoolId=user_pool_id, **group)
    for user in saved.get("users", []):
        _restore_user(clients, user_pool_id, user)


def _restore_user(clients: AwsClients, user_pool_id: str, user: dict[str, Any]) -> None:
    cognito = clients.cognito
    attributes = {item["Name"]: item["Value"] for item in user["attributes"]}
    subject = attributes.pop("sub", None)
    # A pool that signs in by email stores the sub as the username; it is created by its email.
    sign_in_name = attributes.get("email") if user["username"] == subject else user["username"]
    arguments: dict[str, Any] = {
        "UserPoolId": user_pool_id,
        "Username": sign_in_name or user["username"],
        "UserAttributes": [{"Name": name, "Value": value} for name, value in attributes.items()],
        "MessageAction": "SUPPRESS",
    }
    if user["status"] == "FORCE_CHANGE_PASSWORD" and user.get("password"):
        arguments["TemporaryPassword"] = user["password"]
    try:
        username = cognito.admin_create_user(**arguments)["User"]["Username"]
    except cognito.exceptions.UsernameExistsException:
        log.info("user %s exists already; not restored", arguments["Username"])
        return
    if subject:
        username = moto_state.restore_subject(clients.region, user_pool_id, username, subject)
    if user["status"] != "FORCE_CHANGE_PASSWORD" and user.get("password"):
        cognito.admin_set_user_password(
            UserPoolId=user_pool_id, Username=username, Password=user["password"], Permanent=True
        )
    if not user["enabled"]:
        cognito.admin_disable_user(UserPoolId=user_pool_id, Username=username)
    for group in user["groups"]:
        cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=username, GroupName=group)
