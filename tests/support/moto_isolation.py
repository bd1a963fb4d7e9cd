"""moto's DynamoDB made to keep a transaction's promise under concurrent requests.

moto checks and writes a transaction's items one after another, and undoes a cancelled transaction by
putting back a copy of the whole table taken before it began: a write another request made meanwhile is
lost with it, and a read in between sees a transaction half done. DynamoDB does neither. One lock around
every item read and write of moto's DynamoDB gives back that isolation (moto is bound by one interpreter
lock anyway, so little is lost to it).
"""

import functools
import threading
from collections.abc import Callable
from typing import Any

from moto.dynamodb.models import DynamoDBBackend

_ITEM_OPERATIONS = (
    "get_item",
    "batch_get_item",
    "query",
    "scan",
    "put_item",
    "update_item",
    "delete_item",
    "transact_get_items",
    "transact_write_items",
)
_LOCK = threading.RLock()


def isolate_dynamodb_requests() -> None:
    """Serialises moto's DynamoDB item operations in this process; calling it again changes nothing."""
    for name in _ITEM_OPERATIONS:
        operation = getattr(DynamoDBBackend, name)
        if not getattr(operation, "isolated", False):
            setattr(DynamoDBBackend, name, _isolated(operation))


def _isolated(operation: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(operation)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return operation(*args, **kwargs)

    locked.isolated = True  # type: ignore[attr-defined]
    return locked
