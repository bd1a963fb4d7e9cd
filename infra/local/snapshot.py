"""Keeps the local stack's data across restarts. moto keeps everything in memory and has no persistence of
its own; this runs in the moto server's process and writes, under the data folder:

- `state.json`: every table's items at one moment, with a generation number;
- `state-<generation>.journal`: one JSON line for each item written since, appended about every second;
- `queues-and-users.json`: the messages waiting in the queues and the user pool's groups and users (each
  with whether it has set up an authenticator app), rewritten (atomically) when they changed.

A stop only appends what changed in the last second. Once the journal outgrows `state.json` it is folded
into a new one, in the background. Restore puts the items straight into a fresh moto before the event pump
starts, so restored items are not fed to the stream handler again (and the pump reads from LATEST).
"""

import base64
import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infra.local import moto_state
from infra.local.clients import AwsClients
from infra.local.resources import LocalResources

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
STATE_FILE = "state.json"
QUEUES_AND_USERS_FILE = "queues-and-users.json"
_EARLIER_FORMAT_FILE = "snapshot.json"
_SEND_BATCH_LIMIT = 10
_JOURNAL_FOLD_MINIMUM = 8 * 1024 * 1024


def forget(data_dir: Path) -> None:
    """Removes the saved data (not the demo accounts' passwords)."""
    for path in _saved_files(data_dir):
        path.unlink(missing_ok=True)


def _saved_files(data_dir: Path) -> Iterator[Path]:
    yield from (data_dir / name for name in (STATE_FILE, QUEUES_AND_USERS_FILE, _EARLIER_FORMAT_FILE))
    yield from data_dir.glob("state-*.journal")


def capture(clients: AwsClients, resources: LocalResources, generation: int = 0) -> dict[str, Any]:
    """Everything, at one moment: the tables' items and (see `queues_and_users`) the rest."""
    return {
        "version": FORMAT_VERSION,
        "generation": generation,
        "tables": {
            logical_id: moto_state.table_items(clients.region, table.name)
            for logical_id, table in resources.tables.items()
        },
        **queues_and_users(clients, resources),
    }


def queues_and_users(clients: AwsClients, resources: LocalResources) -> dict[str, Any]:
    return {
        "queues": {
            logical_id: moto_state.queue_messages(clients.region, queue.name)
            for logical_id, queue in resources.queues.items()
        },
        "user_pool": _user_pool(clients, resources.user_pool_id),
    }


def read(data_dir: Path) -> dict[str, Any] | None:
    """What was saved, as one document (the journal applied), or None when nothing was."""
    state = _read_json(data_dir / STATE_FILE)
    if state is None:
        return _read_json(data_dir / _EARLIER_FORMAT_FILE)
    if state.get("version") != FORMAT_VERSION:
        return state
    journal = _journal_path(data_dir, int(state.get("generation", 0)))
    if journal.is_file():
        state["tables"] = _replayed(state.get("tables", {}), journal)
    return {**state, **(_read_json(data_dir / QUEUES_AND_USERS_FILE) or {})}


def _replayed(tables: dict[str, list[dict[str, Any]]], journal: Path) -> dict[str, list[dict[str, Any]]]:
    entries = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines() if line.strip()]
    written: dict[str, dict[str, dict[str, Any] | None]] = {}
    for entry in entries:
        written.setdefault(entry["table"], {})[entry["key"]] = entry["item"]
    replayed = {}
    for logical_id in {*tables, *written}:
        changes = written.get(logical_id, {})
        names = _key_names(changes)
        kept = [item for item in tables.get(logical_id, []) if not names or _key(item, names) not in changes]
        replayed[logical_id] = kept + [item for item in changes.values() if item is not None]
    return replayed


def _key_names(changes: dict[str, dict[str, Any] | None]) -> list[str]:
    return sorted(json.loads(next(iter(changes)))) if changes else []


def _key(item: dict[str, Any], names: list[str]) -> str:
    return json.dumps({name: item[name] for name in names}, sort_keys=True)


def restore(clients: AwsClients, resources: LocalResources, snapshot: dict[str, Any]) -> None:
    if snapshot.get("version") not in (1, FORMAT_VERSION):
        log.warning("saved data format %s is not %s; starting empty", snapshot.get("version"), FORMAT_VERSION)
        return
    _restore_user_pool(clients, resources.user_pool_id, snapshot.get("user_pool") or {})
    for logical_id, items in snapshot.get("tables", {}).items():
        if logical_id in resources.tables:
            moto_state.put_back(clients.region, resources.tables[logical_id].name, items)
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


def _read_json(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def _journal_path(data_dir: Path, generation: int) -> Path:
    return data_dir / f"state-{generation}.journal"


class Persistence:
    """Appends the items written to the journal every `interval` seconds, rewrites the queues and users when
    they changed, and once more on `stop()`. Call `start()` after the saved data was restored."""

    def __init__(
        self, data_dir: Path, clients: AwsClients, resources: LocalResources, interval: float = 1.0
    ) -> None:
        moto_state.track_item_writes()
        self.data_dir = data_dir
        self._clients = clients
        self._resources = resources
        self._logical_ids = {table.name: logical_id for logical_id, table in resources.tables.items()}
        self._interval = interval
        self._generation = 0
        self._last_queues_and_users: str | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="persistence", daemon=True)

    @property
    def journal_path(self) -> Path:
        return _journal_path(self.data_dir, self._generation)

    def start(self) -> None:
        state = _read_json(self.data_dir / STATE_FILE)
        if state is not None and state.get("version") == FORMAT_VERSION:
            self._generation = int(state.get("generation", 0))
            moto_state.take_written_keys(self._clients.region)
        else:
            self.fold_journal()
        (self.data_dir / _EARLIER_FORMAT_FILE).unlink(missing_ok=True)
        self.save_changes()
        self._thread.start()

    def save_changes(self) -> bool:
        """Saves what changed since the last call; False when nothing had."""
        with self._lock:
            # Messages before items: a message a handler deletes in between is then saved with its work done,
            # and its delivery after a restart finds the work done, where the other order would lose both.
            document = queues_and_users(self._clients, self._resources)
            wrote_items = self._append_written_items()
            text = json.dumps(document, sort_keys=True)
            if text == self._last_queues_and_users:
                return wrote_items
            write_atomically(
                self.data_dir / QUEUES_AND_USERS_FILE, {**document, "saved_at": datetime.now(UTC).isoformat()}
            )
            self._last_queues_and_users = text
            return True

    def fold_journal(self) -> None:
        """Writes every item to a new `state.json` and starts an empty journal."""
        with self._lock:
            moto_state.take_written_keys(self._clients.region)
            generation = self._generation + 1
            document = capture(self._clients, self._resources, generation)
            write_atomically(
                self.data_dir / STATE_FILE,
                {
                    "version": FORMAT_VERSION,
                    "generation": generation,
                    "tables": document["tables"],
                    "saved_at": datetime.now(UTC).isoformat(),
                },
            )
            earlier, self._generation = self.journal_path, generation
            earlier.unlink(missing_ok=True)

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        self.save_changes()

    def _append_written_items(self) -> bool:
        region = self._clients.region
        lines = []
        for table_name, key in sorted(moto_state.take_written_keys(region)):
            logical_id = self._logical_ids.get(table_name)
            if logical_id is not None:
                item = moto_state.current_item(region, table_name, json.loads(key))
                lines.append(
                    json.dumps({"table": logical_id, "key": key, "item": item}, separators=(",", ":"))
                )
        if not lines:
            return False
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.journal_path, "a", encoding="utf-8") as journal:
            journal.write("\n".join(lines) + "\n")
            journal.flush()
            os.fsync(journal.fileno())
        return True

    def _journal_outgrew_state(self) -> bool:
        with contextlib.suppress(OSError):
            journal = self.journal_path.stat().st_size
            return journal > max(_JOURNAL_FOLD_MINIMUM, (self.data_dir / STATE_FILE).stat().st_size)
        return False

    def _run(self) -> None:
        while not self._stopping.wait(self._interval):
            try:
                self.save_changes()
                if self._journal_outgrew_state():
                    started = time.monotonic()
                    self.fold_journal()
                    log.info("folded the journal into %s in %.1f s", STATE_FILE, time.monotonic() - started)
            except Exception:
                log.exception("could not save the data; will try again")


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
    with_authenticator = moto_state.users_with_authenticator(clients.region, user_pool_id)
    users = [
        {
            "username": user["Username"],
            "attributes": user["Attributes"],
            "enabled": user["Enabled"],
            "status": user["UserStatus"],
            "password": passwords.get(user["Username"]),
            "authenticator": user["Username"] in with_authenticator,
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
    if user.get("authenticator"):
        moto_state.restore_authenticator(clients.region, user_pool_id, username)
    if not user["enabled"]:
        cognito.admin_disable_user(UserPoolId=user_pool_id, Username=username)
    for group in user["groups"]:
        cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=username, GroupName=group)
