"""One page of a Query on an index, and the opaque cursor that continues it: the last key, checked on
return so that a cursor only ever continues the listing that gave it out."""

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


@dataclass(frozen=True)
class IndexPage:
    index: str
    partition: str
    limit: int
    cursor: str | None
    oldest_first: bool


def query_page(
    dynamodb: Any, table: str, wanted: IndexPage, convert: Callable[[dict[str, Any]], Item]
) -> Page[Item]:
    index = wanted.index
    request: dict[str, Any] = {
        "TableName": table,
        "IndexName": index,
        "KeyConditionExpression": f"{index}PK = :pk",
        "ExpressionAttributeValues": {":pk": {"S": wanted.partition}},
        "ScanIndexForward": wanted.oldest_first,
        "Limit": wanted.limit,
    }
    if wanted.cursor:
        request["ExclusiveStartKey"] = _decode_cursor(wanted.cursor, index, wanted.partition)
    response = dynamodb.query(**request)
    last = response.get("LastEvaluatedKey")
    return Page([convert(item) for item in response["Items"]], _encode_cursor(last) if last else None)


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
