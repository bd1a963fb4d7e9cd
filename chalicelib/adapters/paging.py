"""One page of a Query on an index, and the opaque cursor that continues it: the last key, checked on
return so that a cursor only ever continues the listing that gave it out.

A filtered page is read until it holds `limit` matching items or the partition ends, so a filter thins
the whole listing, not each page of it; its cursor is the key of the last item shown."""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.paging import Page

Item = TypeVar("Item")
_KEY_NAMES = {"PK", "SK"}
# Items a filtered query reads per round trip: enough that a rare match costs few trips.
FILTERED_READ = 200


@dataclass(frozen=True)
class Condition:
    """A DynamoDB filter expression and its placeholders' values."""

    expression: str
    values: dict[str, Any]


@dataclass(frozen=True)
class IndexPage:
    index: str
    partition: str
    limit: int
    cursor: str | None
    oldest_first: bool
    only: Condition | None = None


def query_page(
    dynamodb: Any, table: str, wanted: IndexPage, convert: Callable[[dict[str, Any]], Item]
) -> Page[Item]:
    request = _query(table, wanted.index, wanted.partition, wanted.oldest_first, wanted.only)
    request["Limit"] = wanted.limit if wanted.only is None else max(wanted.limit, FILTERED_READ)
    if wanted.cursor:
        request["ExclusiveStartKey"] = _decode_cursor(wanted.cursor, wanted.index, wanted.partition)
    found: list[dict[str, Any]] = []
    while True:
        response = dynamodb.query(**request)
        found.extend(response["Items"])
        last = response.get("LastEvaluatedKey")
        if last is None or len(found) >= wanted.limit:
            break
        request["ExclusiveStartKey"] = last
    if len(found) > wanted.limit:
        found = found[: wanted.limit]
        last = _key_of(found[-1], wanted.index)
    return Page([convert(item) for item in found], _encode_cursor(last) if last else None)


def _query(
    table: str, index: str, partition: str, oldest_first: bool, only: Condition | None
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "TableName": table,
        "IndexName": index,
        "KeyConditionExpression": f"{index}PK = :pk",
        "ExpressionAttributeValues": {":pk": {"S": partition}},
        "ScanIndexForward": oldest_first,
    }
    if only is not None:
        request["FilterExpression"] = only.expression
        request["ExpressionAttributeValues"].update(only.values)
    return request


def _key_of(item: dict[str, Any], index: str) -> dict[str, Any]:
    return {name: item[name] for name in _KEY_NAMES | {f"{index}PK", f"{index}SK"}}


def _encode_cursor(last_key: dict[str, Any]) -> str:
    plain = {name: value["S"] for name, value in last_key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, index: str, partition: str) -> dict[str, Any]:
    problem = ValidationFailedError(
        "The cursor is not one this listing gave out.",
        [FieldProblem("cursor", "is not a cursor from this listing; start again without it")],
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        plain = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise problem from None
    expected = _KEY_NAMES | {f"{index}PK", f"{index}SK"}
    if (
        not isinstance(plain, dict)
        or set(plain) != expected
        or not all(isinstance(value, str) for value in plain.values())
        or plain[f"{index}PK"] != partition
    ):
        raise problem
    return {name: {"S": value} for name, value in plain.items()}
