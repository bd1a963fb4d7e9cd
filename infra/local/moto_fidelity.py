"""Brings moto's DynamoDB closer to the real service where the product depends on it.

- Isolated requests: moto serves requests on many threads without a lock, so two conditional writes of
  one item could both pass their condition, and a read could see a transaction half done (moto writes a
  transaction's items one after another). Real DynamoDB allows neither; here every item read and write
  holds one lock.
- Cheap transactions: moto backs up each whole table (items and stream) before every transaction, so a
  transaction's cost grows with the table, until a few thousand items make the local stack unusable.
  Here only the items a transaction touches are saved, and restored (with the stream) if it is cancelled.
- Partition queries: moto answers a Query on the table's own key by sorting every item of the table;
  here it looks at the one partition, as DynamoDB does, and only at the sort keys the key condition
  allows (found by bisection), so a query's cost follows what it reads, not the partition's size.
- RevokeToken: moto has no such operation. Here it revokes a refresh token as Cognito does (a later
  refresh is refused); a token it does not know answers success, as Cognito's does.
- Request routing: moto's server lists its own package folder on disk for every request to find the
  service; the list never changes while it runs, so it is read once.
- Item requests and responses: moto reads each attribute value of a request, and writes each of a
  response, by walking botocore's model of it member by member, which costs more than the work asked
  for once items hold lists and maps. A value without binary data (which the walk decodes from or
  encodes to base64) is taken or written as it is, which is what the walk produces for it.
- Authenticator codes: moto accepts any TOTP code unless told to check them; here it checks them (against
  the one key it gives every account, COGNITO_TOTP_MFA_SECRET), so a wrong code is refused as in Cognito.
- Required MFA: on a pool whose MFA is ON, moto lets a password alone sign in an account that has set up
  no authenticator (and, by the admin flow, one that has). Cognito never does: it asks the first to set
  one up (MFA_SETUP) and the second for its code (SOFTWARE_TOKEN_MFA); so does this.
- Transaction retries: DynamoDB applies a TransactWriteItems once per ClientRequestToken (botocore sends
  one with every call and the same one with each retry) and answers a repeat with success; moto ignores
  the token, so a retry after a timed-out reply ran the transaction twice, and its conditions then
  refused it. Here a token that succeeded answers success again, and one still running is waited for.
- Queue counts: moto counts a queue's messages (a walk over all of them) on every send and receive, only
  to read one setting; with a backlog of thousands that dominates. Sends and receives skip the counts.
- Queue deletes: moto deletes a message by building the queue's list anew and putting it in place of the
  old one, without the lock a send appends under; a send or another delete on another thread in between
  is undone (a sent message lost, a deleted one back in flight until its visibility timeout). Here a
  delete holds the queue's lock.

moto is pinned (requirements-run.lock); this reaches into its models and is used only by the local stack and
the tests' moto servers.
"""

import bisect
import copy
import functools
import inspect
import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import moto.backends as moto_backends
import moto.dynamodb.models as dynamodb_models
from moto.cognitoidp.models import CognitoIdpBackend
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.parse import BaseJSONParser
from moto.core.responses import ActionResult, EmptyResult
from moto.core.serialize import BaseJSONSerializer
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler
from moto.sqs.models import Queue, SQSBackend

_write_lock = threading.RLock()
_applied = False
_querying = threading.local()
_skipping_counts = threading.local()
_ITEM_OPERATIONS = (
    "get_item",
    "batch_get_item",
    "query",
    "scan",
    "transact_get_items",
    "put_item",
    "update_item",
    "delete_item",
)
_QUEUE_COUNTS = (
    "approximate_number_of_messages",
    "approximate_number_of_messages_delayed",
    "approximate_number_of_messages_not_visible",
)


class _TablesAreNotCopied:
    """Stands in for the `copy` module inside moto's DynamoDB backend: tables are not deep-copied."""

    @staticmethod
    def deepcopy(value: Any) -> Any:
        if isinstance(value, Table):
            return value
        return copy.deepcopy(value)


@contextmanager
def writes_held() -> Iterator[None]:
    """No DynamoDB write happens while this is held: for reading items that a write changes in place."""
    with _write_lock:
        yield


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"
    setattr(dynamodb_models, "copy", _TablesAreNotCopied)  # noqa: B010 (moto's module global)
    DynamoHandler.transact_write_items = _once_per_token(  # type: ignore[method-assign]
        DynamoHandler.transact_write_items
    )
    for name in _ITEM_OPERATIONS:
        setattr(DynamoDBBackend, name, _serialized(getattr(DynamoDBBackend, name)))
    DynamoDBBackend.transact_write_items = _transaction_with_item_backups(  # type: ignore[method-assign]
        DynamoDBBackend.transact_write_items
    )
    Table.query = _partition_query(Table.query)  # type: ignore[method-assign]
    for name in _QUEUE_COUNTS:
        setattr(Queue, name, _count_unless_skipped(getattr(Queue, name)))
    for name in ("send_message", "receive_message"):
        setattr(SQSBackend, name, _skipping_queue_counts(getattr(SQSBackend, name)))
    Queue.delete_message = _under_queue_lock(Queue.delete_message)  # type: ignore[method-assign]
    Table.all_items = _partition_items(Table.all_items)  # type: ignore[method-assign]
    BaseJSONParser._parse_structure = _plain_attribute_values_read(  # type: ignore[method-assign]
        BaseJSONParser._parse_structure
    )
    BaseJSONParser._parse_map = _plain_attribute_maps_read(BaseJSONParser._parse_map)  # type: ignore[method-assign]
    BaseJSONSerializer._serialize_type_map = _plain_attribute_maps(  # type: ignore[method-assign]
        BaseJSONSerializer._serialize_type_map
    )
    BaseJSONSerializer._serialize_type_structure = _plain_attribute_values(  # type: ignore[method-assign]
        BaseJSONSerializer._serialize_type_structure
    )
    modules = tuple(moto_backends.list_of_moto_modules())
    setattr(moto_backends, "list_of_moto_modules", functools.partial(iter, modules))  # noqa: B010
    CognitoIdpBackend.initiate_auth = _mfa_required(CognitoIdpBackend.initiate_auth)  # type: ignore[method-assign]
    CognitoIdpBackend.admin_initiate_auth = _mfa_required(  # type: ignore[method-assign]
        CognitoIdpBackend.admin_initiate_auth
    )
    setattr(CognitoIdpBackend, "revoke_token", _revoke_token)  # noqa: B010 (an operation moto lacks)
    setattr(CognitoIdpResponse, "revoke_token", _revoke_token_response)  # noqa: B010


def _mfa_required(method: Any) -> Any:
    def initiate(self: CognitoIdpBackend, *args: Any, **kwargs: Any) -> Any:
        answer = method(self, *args, **kwargs)
        tokens: dict[str, Any] = (
            answer.get("AuthenticationResult") if isinstance(answer, dict) else None
        ) or {}
        refresh_token = tokens.get("RefreshToken")
        issued = _issued_by_password(self, refresh_token)
        if issued is None:
            return answer
        pool, username = issued
        user = pool._get_user(username)
        if pool.mfa_config != "ON" or user is None or user.sms_mfa_enabled:
            return answer
        # The tokens moto made are never handed out: forget them.
        pool.refresh_tokens.pop(refresh_token, None)
        pool.access_tokens.pop(tokens.get("AccessToken"), None)
        pool.id_tokens.pop(tokens.get("IdToken"), None)
        session = str(uuid.uuid4())
        self.sessions[session] = (username, pool)
        if user.token_verified:
            return {"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeParameters": {}, "Session": session}
        return {
            "ChallengeName": "MFA_SETUP",
            "ChallengeParameters": {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'},
            "Session": session,
        }

    return initiate


def _issued_by_password(backend: CognitoIdpBackend, refresh_token: str | None) -> tuple[Any, str] | None:
    """The pool and user a sign-in with a password just made `refresh_token` for; None for a refresh."""
    if not refresh_token:
        return None
    for pool in backend.user_pools.values():
        issued = pool.refresh_tokens.get(refresh_token)
        if issued is not None:
            return pool, issued[1]
    return None


def _revoke_token(self: CognitoIdpBackend, token: str, client_id: str) -> None:
    for pool in self.user_pools.values():
        issued = pool.refresh_tokens.get(token)
        if issued is not None and issued[0] == client_id:
            pool.refresh_tokens[token] = None


def _revoke_token_response(self: CognitoIdpResponse) -> ActionResult:
    _revoke_token(self.backend, self._get_param("Token"), self._get_param("ClientId"))
    return EmptyResult()


_UNKNOWN_CONDITION = "a condition this does not narrow by"


@dataclass(frozen=True)
class _PartitionQuery:
    table: Table
    hash_key: Any
    comparison: str | None
    bounds: tuple[Any, ...]
    # How many items of the partition moto needs at most to answer (its page plus one, which tells it
    # there is more); None when it needs every item the key condition allows.
    needed: int | None
    forward: bool


def _partition_query(method: Any) -> Any:
    signature = inspect.signature(method)

    def query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        asked = signature.bind(self, hash_key, *args, **kwargs).arguments
        if asked.get("index_name") is None:
            conditions = asked.get("range_key_conditions") or []
            comparison, bounds = asked.get("range_comparison"), tuple(asked.get("range_objs") or ())
            if len(conditions) > 1 or (conditions and conditions[0][0] != self.range_key_attr):
                comparison, bounds = _UNKNOWN_CONDITION, ()
            elif conditions:
                comparison, bounds = conditions[0][1], tuple(conditions[0][2])
            limit = asked.get("limit")
            pages_from_start = not asked.get("exclusive_start_key") and not asked.get("filter_kwargs")
            _querying.partition = _PartitionQuery(
                table=self,
                hash_key=hash_key,
                comparison=comparison,
                bounds=bounds,
                needed=limit + 1 if limit and pages_from_start else None,
                forward=asked.get("scan_index_forward") is not False,
            )
        try:
            return method(self, hash_key, *args, **kwargs)
        finally:
            _querying.partition = None

    return query


def _partition_items(method: Any) -> Any:
    def all_items(self: Table) -> Any:
        query: _PartitionQuery | None = getattr(_querying, "partition", None)
        if query is None or query.table is not self:
            return method(self)
        stored = self.items.get(query.hash_key)
        if stored is None:
            return []
        if not self.range_key_attr:
            return [stored]
        # moto sorts and filters what this returns again: this only spares it the items it would skip.
        ordered = sorted(stored.values(), key=_sort_value)
        bounds = [bound.cast_value for bound in query.bounds]
        allowed, exactly = _within_key_condition(ordered, query.comparison, bounds)
        if not exactly or query.needed is None or len(allowed) <= query.needed:
            return allowed
        return allowed[: query.needed] if query.forward else allowed[-query.needed :]

    return all_items


def _sort_value(item: Any) -> Any:
    key = item.range_key
    # What DynamoType.cast_value gives, without its five type checks, for the string and binary keys
    # (every key the app writes) that it gives back unchanged.
    return key.value if key.type in ("S", "B") else key.cast_value


def _within_key_condition(
    ordered: list[Any], comparison: str | None, bounds: list[Any]
) -> tuple[list[Any], bool]:
    """The run of `ordered` (sorted by sort key) whose sort keys meet the condition, and True; or all of
    it and False, when the condition is one this does not narrow."""
    if comparison is None:
        return ordered, True
    try:
        if comparison in ("EQ", "=") and len(bounds) == 1:
            return ordered[_left(ordered, bounds[0]) : _right(ordered, bounds[0])], True
        if comparison in ("LT", "<") and len(bounds) == 1:
            return ordered[: _left(ordered, bounds[0])], True
        if comparison in ("LE", "<=") and len(bounds) == 1:
            return ordered[: _right(ordered, bounds[0])], True
        if comparison in ("GT", ">") and len(bounds) == 1:
            return ordered[_right(ordered, bounds[0]) :], True
        if comparison in ("GE", ">=") and len(bounds) == 1:
            return ordered[_left(ordered, bounds[0]) :], True
        if comparison == "BETWEEN" and len(bounds) == 2:
            return ordered[_left(ordered, bounds[0]) : _right(ordered, bounds[1])], True
        if comparison == "BEGINS_WITH" and len(bounds) == 1 and isinstance(bounds[0], str):
            start = end = _left(ordered, bounds[0])
            while end < len(ordered) and str(_sort_value(ordered[end])).startswith(bounds[0]):
                end += 1
            return ordered[start:end], True
    except TypeError:  # a bound of another type than the sort key: moto's own comparison decides
        pass
    return ordered, False


def _left(ordered: list[Any], bound: Any) -> int:
    return bisect.bisect_left(ordered, bound, key=_sort_value)


def _right(ordered: list[Any], bound: Any) -> int:
    return bisect.bisect_right(ordered, bound, key=_sort_value)


def _plain_attribute_values(method: Any) -> Any:
    def serialize_structure(
        self: BaseJSONSerializer, serialized: Any, value: Any, shape: Any, key: str
    ) -> None:
        if key and shape.name == "AttributeValue" and isinstance(value, dict) and _plain_json(value):
            serialized[self.get_serialized_name(shape, key)] = value
            return
        method(self, serialized, value, shape, key)

    return serialize_structure


def _plain_attribute_values_read(method: Any) -> Any:
    def parse_structure(self: BaseJSONParser, shape: Any, value: Any) -> Any:
        if self.MAP_TYPE is dict and shape.name == "AttributeValue" and _without_binary(value):
            return value
        return method(self, shape, value)

    return parse_structure


def _plain_attribute_maps_read(method: Any) -> Any:
    """An item or key as sent, read whole when none of its values holds binary data."""

    def parse_map(self: BaseJSONParser, shape: Any, value: Any) -> Any:
        if self.MAP_TYPE is dict and shape.value.name == "AttributeValue" and isinstance(value, dict):
            return (
                value if all(_without_binary(part) for part in value.values()) else method(self, shape, value)
            )
        return method(self, shape, value)

    return parse_map


def _plain_attribute_maps(method: Any) -> Any:
    """An item or key of a response, written whole when it is plain JSON."""

    def serialize_map(self: BaseJSONSerializer, serialized: Any, value: Any, shape: Any, key: str) -> None:
        if shape.value.name == "AttributeValue" and isinstance(value, dict) and _plain_json(value):
            self._default_serialize(serialized, value, shape, key)
            return
        method(self, serialized, value, shape, key)

    return serialize_map


def _without_binary(value: Any) -> bool:
    """True for an attribute value, as a request sends it, that holds no binary data at any depth."""
    if not isinstance(value, dict):
        return False
    for kind, inner in value.items():
        if kind in ("B", "BS"):
            return False
        if kind == "M" and not (isinstance(inner, dict) and all(map(_without_binary, inner.values()))):
            return False
        if kind == "L" and not (isinstance(inner, list) and all(map(_without_binary, inner))):
            return False
    return True


def _plain_json(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):  # binary data, which the model's walk encodes as base64
        return False
    return True


def _serialized(method: Any) -> Any:
    def locked(self: DynamoDBBackend, *args: Any, **kwargs: Any) -> Any:
        with _write_lock:
            return method(self, *args, **kwargs)

    return locked


def _transaction_with_item_backups(method: Any) -> Any:
    def transact(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        with _write_lock:
            backups = _touched_items(self, transact_items)
            try:
                method(self, transact_items)
            except Exception:
                _restore(backups)
                raise

    return transact


def _touched_items(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    backups: list[tuple[Any, ...]] = []
    streams_seen: set[int] = set()
    for entry in transact_items:
        if len(entry) != 1:
            continue
        operation = next(iter(entry.values()))
        table = backend.tables.get(operation.get("TableName"))
        if table is None:
            continue
        key = operation.get("Key") or {
            name: operation.get("Item", {}).get(name)
            for name in (table.hash_key_attr, table.range_key_attr)
            if name
        }
        if any(value is None for value in key.values()):
            continue
        hash_key = DynamoType(key[table.hash_key_attr])
        range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
        current = table.get_item(hash_key, range_key)
        backups.append(("item", table, hash_key, range_key, copy.deepcopy(current)))
        if table.stream_shard is not None and id(table) not in streams_seen:
            streams_seen.add(id(table))
            backups.append(("stream", table, len(table.stream_shard.items)))
    return backups


def _restore(backups: list[tuple[Any, ...]]) -> None:
    for backup in reversed(backups):
        if backup[0] == "stream":
            _, table, length = backup
            del table.stream_shard.items[length:]
            continue
        _, table, hash_key, range_key, saved = backup
        if range_key is not None:
            if saved is None:
                table.items[hash_key].pop(range_key, None)
            else:
                table.items[hash_key][range_key] = saved
        elif saved is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = saved


def _count_unless_skipped(count: property) -> property:
    def counted(queue: Queue) -> int:
        return 0 if getattr(_skipping_counts, "on", False) else int(count.fget(queue))  # type: ignore[misc]

    return property(counted)


def _skipping_queue_counts(method: Any) -> Any:
    def without_counts(self: SQSBackend, *args: Any, **kwargs: Any) -> Any:
        _skipping_counts.on = True
        try:
            return method(self, *args, **kwargs)
        finally:
            _skipping_counts.on = False

    return without_counts


# DynamoDB remembers a token for ten minutes.
_TOKEN_LIFETIME_SECONDS = 600
_tokens_lock = threading.Lock()
_tokens: dict[tuple[str, str, str], "_Token"] = {}


@dataclass
class _Token:
    first_seen: float
    lock: threading.Lock
    result: Any = None
    succeeded: bool = False


def _once_per_token(method: Any) -> Any:
    def transact_write_items(self: DynamoHandler) -> Any:
        token = self.body.get("ClientRequestToken")
        if not token:
            return method(self)
        now = time.monotonic()
        with _tokens_lock:
            for key in [
                key for key, seen in _tokens.items() if now - seen.first_seen > _TOKEN_LIFETIME_SECONDS
            ]:
                del _tokens[key]
            seen = _tokens.setdefault(
                (self.current_account, self.region, token), _Token(first_seen=now, lock=threading.Lock())
            )
        with seen.lock:
            if not seen.succeeded:
                seen.result, seen.succeeded = method(self), True
            return seen.result

    return transact_write_items


def _under_queue_lock(method: Any) -> Any:
    def locked(queue: Queue, *args: Any, **kwargs: Any) -> Any:
        with queue._messages_lock:
            return method(queue, *args, **kwargs)

    return locked
