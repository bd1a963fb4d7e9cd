"""Reading many items by key: BatchGetItem in chunks of 100, asking again for what the table left
unprocessed (it does when busy), and giving up with a retryable error rather than looping forever."""

from typing import Any

from chalicelib.domain.errors import ServiceBusyError

_PER_REQUEST = 100
_ROUNDS = 10


class TableBusyError(ServiceBusyError):
    """The table kept leaving keys unprocessed; the client may try again shortly (a 503)."""


def get_many(
    dynamodb: Any, table: str, item_keys: list[dict[str, Any]], projection: str | None = None
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for start in range(0, len(item_keys), _PER_REQUEST):
        request: dict[str, Any] = {"Keys": item_keys[start : start + _PER_REQUEST], "ConsistentRead": True}
        if projection:
            request["ProjectionExpression"] = projection
            request["ExpressionAttributeNames"] = {"#id": "id"}
        items.extend(_read_all(dynamodb, table, request))
    return items


def _read_all(dynamodb: Any, table: str, request: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    pending: dict[str, Any] = {table: request}
    for _ in range(_ROUNDS):
        response = dynamodb.batch_get_item(RequestItems=pending)
        items += response["Responses"].get(table, [])
        pending = response.get("UnprocessedKeys") or {}
        if not pending:
            return items
    raise TableBusyError("The table is busy; try again in a moment.")
