"""Brings moto's DynamoDB closer to the real service where the product depends on it.

- Isolated requests: moto serves requests on many threads without a lock, so two conditional writes of
  one item could both pass their condition, and a read could see a transaction half done (moto writes a
  transaction's items one after another). Real DynamoDB allows neither; here every item read and write
  holds one lock.
- Cheap transactions: moto backs up each whole table (items and stream) before every transaction, so a
  transaction's cost grows with the table, until a few thousand items make the local stack unusable.
  Here only the items a transaction touches are saved, and restored (with the stream) if it is cancelled.
- Partition queries: moto answers a Query on the table's own key by sorting every item of the table;
  here it looks at the one partition, as DynamoDB does.
- RevokeToken: moto has no such operation. Here it revokes a refresh token as Cognito does (a later
  refresh is refused); a token it does not know answers success, as Cognito's does.
- Authenticator codes: moto accepts any TOTP code unless told to check them; here it checks them (against
  the one key it gives every account, COGNITO_TOTP_MFA_SECRET), so a wrong code is refused as in Cognito.
- Required MFA: on a pool whose MFA is ON, moto lets a password alone sign in an account that has set up
  no authenticator (and, by the admin flow, one that has). Cognito never does: it asks the first to set
  one up (MFA_SETUP) and the second for its code (SOFTWARE_TOKEN_MFA); so does this.
- Queue counts: moto counts a queue's messages (a walk over all of them) on every send and receive, only
  to read one setting; with a backlog of thousands that dominates. Sends and receives skip the counts.

moto is pinned (requirements-run.lock); this reaches into its models and is used only by the local stack and
the tests' moto servers.
"""

import copy
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import moto.dynamodb.models as dynamodb_models
from moto.cognitoidp.models import CognitoIdpBackend
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
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
    Table.all_items = _partition_items(Table.all_items)  # type: ignore[method-assign]
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


def _partition_query(method: Any) -> Any:
    def query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        on_table_key = kwargs.get("index_name") is None and (len(args) < 7 or args[6] is None)
        _querying.partition = (self, hash_key) if on_table_key else None
        try:
            return method(self, hash_key, *args, **kwargs)
        finally:
            _querying.partition = None

    return query


def _partition_items(method: Any) -> Any:
    def all_items(self: Table) -> Any:
        partition = getattr(_querying, "partition", None)
        if partition is None or partition[0] is not self:
            return method(self)
        stored = self.items.get(partition[1])
        if stored is None:
            return []
        items = list(stored.values()) if self.range_key_attr else [stored]
        return sorted(
            items, key=lambda item: (item.hash_key, item.range_key) if item.range_key else item.hash_key
        )

    return all_items


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
