"""What keeping the data needs that no AWS API offers (or offers only slowly), read from the moto server
running in this process: queue messages without receiving them (a receive would count towards the redrive
limit), users' passwords, a restored user's original `sub` (the app records who did what by `sub`), a
table's items without serialising them as HTTP answers, the keys written since the last look, and items put
back without feeding the table's stream again.

moto is pinned; these reach into its models and are used only by the local stack.
"""

import base64
import json
import threading
from collections.abc import Iterable
from typing import Any

from moto.cognitoidp.models import cognitoidp_backends
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.table import Table
from moto.sqs.models import sqs_backends

from infra.local.moto_fidelity import writes_held

Key = tuple[str, str]
_written: dict[str, set[Key]] = {}
_written_lock = threading.Lock()
_tracking = False


def queue_messages(region: str, queue_name: str) -> list[dict[str, Any]]:
    queue = sqs_backends[DEFAULT_ACCOUNT_ID][region].queues.get(queue_name)
    if queue is None:
        return []
    return [
        {
            "body": message.body,
            "message_attributes": {
                name: _encode_message_attribute(value) for name, value in message.message_attributes.items()
            },
            "group_id": message.group_id,
            "deduplication_id": message.deduplication_id,
        }
        for message in list(queue._messages)
    ]


def _encode_message_attribute(value: dict[str, Any]) -> dict[str, Any]:
    encoded = dict(value)
    if isinstance(encoded.get("BinaryValue"), bytes):
        encoded["BinaryValue"] = base64.b64encode(encoded["BinaryValue"]).decode("ascii")
    return encoded


def user_passwords(region: str, user_pool_id: str) -> dict[str, str]:
    pool = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools.get(user_pool_id)
    if pool is None:
        return {}
    return {username: user.password for username, user in list(pool.users.items()) if user.password}


def users_with_authenticator(region: str, user_pool_id: str) -> set[str]:
    """The users who have set up an authenticator app, which no Cognito API lists."""
    pool = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools.get(user_pool_id)
    if pool is None:
        return set()
    return {username for username, user in list(pool.users.items()) if user.token_verified}


def restore_authenticator(region: str, user_pool_id: str, username: str) -> None:
    """Gives a re-created user back the authenticator app they had set up (moto's one key is theirs)."""
    user = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools[user_pool_id].users[username]
    user.token_verified = True
    user.software_token_mfa_enabled = True
    user.preferred_mfa_setting = "SOFTWARE_TOKEN_MFA"


def restore_subject(region: str, user_pool_id: str, username: str, subject: str) -> str:
    """Gives a re-created user back its original `sub`; returns the user's username afterwards."""
    pool = cognitoidp_backends[DEFAULT_ACCOUNT_ID][region].user_pools[user_pool_id]
    user = pool.users.pop(username)
    if user.username == user.id:
        user.username = subject
    user.id = subject
    user.update_attributes([{"Name": "sub", "Value": subject}])
    pool.users[user.username] = user
    return str(user.username)


def track_item_writes() -> None:
    """From now on, remembers which item of which table each write touched (see `take_written_keys`)."""
    global _tracking
    if _tracking:
        return
    _tracking = True
    DynamoDBBackend.put_item = _remembering(  # type: ignore[method-assign]
        DynamoDBBackend.put_item, lambda table, item: {name: item[name] for name in _key_names(table)}
    )
    for name in ("update_item", "delete_item"):
        setattr(DynamoDBBackend, name, _remembering(getattr(DynamoDBBackend, name), lambda _table, key: key))


def _key_names(table: Table) -> list[str]:
    return [name for name in (table.hash_key_attr, table.range_key_attr) if name]


def _remembering(method: Any, key_of: Any) -> Any:
    def write(
        self: DynamoDBBackend, table_name: str, item_or_key: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        try:
            return method(self, table_name, item_or_key, *args, **kwargs)
        finally:
            table = self.tables.get(table_name)
            if table is not None:
                key = json.dumps(key_of(table, item_or_key), sort_keys=True)
                with _written_lock:
                    _written.setdefault(self.region_name, set()).add((table_name, key))

    return write


def take_written_keys(region: str) -> set[Key]:
    """The (table name, key as JSON) of every item written in `region` since the last call."""
    with _written_lock:
        return _written.pop(region, set())


def _table(region: str, table_name: str) -> Table:
    table: Table = dynamodb_backends[DEFAULT_ACCOUNT_ID][region].get_table(table_name)
    return table


def table_items(region: str, table_name: str) -> list[dict[str, Any]]:
    """Every item of the table, as DynamoDB JSON with binary values base64-encoded."""
    table = _table(region, table_name)
    with writes_held():
        stored = [item for part in list(table.items.values()) for item in _items_of(table, part)]
        return [_plain_item(item) for item in stored]


def current_item(region: str, table_name: str, key: dict[str, Any]) -> dict[str, Any] | None:
    table = _table(region, table_name)
    hash_key = DynamoType(key[table.hash_key_attr])
    range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
    with writes_held():
        item = table.get_item(hash_key, range_key)
        return None if item is None else _plain_item(item)


def put_back(region: str, table_name: str, items: Iterable[dict[str, Any]]) -> int:
    """Puts saved items into the table directly: no conditions, no stream records, no size re-checks."""
    table = _table(region, table_name)
    count = 0
    with writes_held():
        for attributes in items:
            hash_key = DynamoType(attributes[table.hash_key_attr])
            range_key = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
            item: Item = object.__new__(Item)
            item.hash_key, item.range_key = hash_key, range_key
            item.attrs = LimitedSizeDict.__new__(LimitedSizeDict)
            for name, value in attributes.items():
                dict.__setitem__(item.attrs, name, DynamoType(value))
            if range_key is None:
                table.items[hash_key] = item  # type: ignore[assignment]
            else:
                table.items[hash_key][range_key] = item
            count += 1
    return count


def _items_of(table: Table, part: Any) -> list[Item]:
    return list(part.values()) if table.range_key_attr else [part]


def _plain_item(item: Item) -> dict[str, Any]:
    return {name: _plain(value) for name, value in item.attrs.items()}


def _plain(value: DynamoType) -> dict[str, Any]:
    kind = value.type
    if kind == "M":
        return {"M": {name: _plain(part) for name, part in value.value.items()}}
    if kind == "L":
        return {"L": [_plain(part) for part in value.value]}
    if kind == "B":
        return {"B": _base64(value.value)}
    if kind == "BS":
        return {"BS": [_base64(part) for part in value.value]}
    return {kind: value.value}


def _base64(value: str | bytes) -> str:
    return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
