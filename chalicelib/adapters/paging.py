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
    request = query_request(table, wanted.index, wanted.partition, wanted.only, wanted.oldest_first)
    request["Limit"] = wanted.limit if wanted.only is None else max(wanted.limit, FILTERED_READ)
    if wanted.cursor:
        request["ExclusiveStartKey"] = _decode_cursor(wanted.cursor, wanted.index, wanted.partition)
    found, last = read_up_to(dynamodb, request, wanted.limit)
    if len(found) > wanted.limit:
        found = found[: wanted.limit]
        last = _key_of(found[-1], wanted.index)
    cursor = encode_document({name: value["S"] for name, value in last.items()}) if last else None
    return Page([convert(item) for item in found], cursor)


def read_up_to(
    dynamodb: Any, request: dict[str, Any], limit: int
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Items of a Query read on until there are `limit` or the partition ends; and the key where the last
    read stopped, None when the partition ended."""
    found: list[dict[str, Any]] = []
    while True:
        response = dynamodb.query(**request)
        found.extend(response["Items"])
        last = response.get("LastEvaluatedKey")
        if last is None or len(found) >= limit:
            return found, last
        request["ExclusiveStartKey"] = last


def query_request(
    table: str,
    index: str,
    partition: str,
    only: Condition | None,
    oldest_first: bool = True,
    after: str | None = None,
) -> dict[str, Any]:
    """A Query of one index partition, in sort-key order, past the sort key `after` when given."""
    condition = f"{index}PK = :pk"
    values: dict[str, Any] = {":pk": {"S": partition}}
    if after is not None:
        condition += f" AND {index}SK {'>' if oldest_first else '<'} :after"
        values[":after"] = {"S": after}
    request: dict[str, Any] = {
        "TableName": table,
        "IndexName": index,
        "KeyConditionExpression": condition,
        "ExpressionAttributeValues": values,
        "ScanIndexForward": oldest_first,
    }
    if only is not None:
        request["FilterExpression"] = only.expression
        values.update(only.values)
    return request


def _key_of(item: dict[str, Any], index: str) -> dict[str, Any]:
    return {name: item[name] for name in _KEY_NAMES | {f"{index}PK", f"{index}SK"}}


def encode_document(plain: dict[str, str]) -> str:
    """A cursor: a small JSON document, URL-safe."""
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_document(cursor: str, problem: ValidationFailedError) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise problem from None


def _decode_cursor(cursor: str, index: str, partition: str) -> dict[str, Any]:
    problem = ValidationFailedError(
        "The cursor is not one this listing gave out.",
        [FieldProblem("cursor", "is not a cursor from this listing; start again without it")],
    )
    plain = decode_document(cursor, problem)
    expected = _KEY_NAMES | {f"{index}PK", f"{index}SK"}
    if (
        not isinstance(plain, dict)
        or set(plain) != expected
        or not all(isinstance(value, str) for value in plain.values())
        or plain[f"{index}PK"] != partition
    ):
        raise problem
    return {name: {"S": value} for name, value in plain.items()}
