"""One page of a listing spread over several index partitions (its shards, chalicelib.adapters.keys): each
partition is queried from the cursor on, at once, and the answers merged in the listing's sort order.

Sort keys are unique across a listing's partitions (`<time>#<id>`), so the cursor is the last sort key
shown: every partition is read past it for up to a page, and the first page of the merge is kept. A
filtered page reads each partition until it holds a page of matches or ends, as an unsharded one does."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from chalicelib.adapters import keys
from chalicelib.adapters.paging import (
    FILTERED_READ,
    Condition,
    decode_document,
    encode_document,
    query_request,
    read_up_to,
)
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.paging import Page

Item = TypeVar("Item")
# boto3 clients may be shared between threads; one pool serves every page, so a page's partitions are
# read together rather than one after another.
_READERS = ThreadPoolExecutor(max_workers=keys.LISTING_SHARDS + 1, thread_name_prefix="listing-shard")


@dataclass(frozen=True)
class ShardedPage:
    """A page of a listing, named by its own key on an index, read over every partition it spreads to."""

    index: str
    listing: str
    limit: int
    cursor: str | None
    oldest_first: bool
    only: Condition | None = None


def merged_page(
    dynamodb: Any, table: str, wanted: ShardedPage, convert: Callable[[dict[str, Any]], Item]
) -> Page[Item]:
    after = _decode_cursor(wanted.cursor, wanted.listing) if wanted.cursor else None
    sort_key = f"{wanted.index}SK"

    def read(partition: str) -> tuple[list[dict[str, Any]], bool]:
        request = query_request(table, wanted.index, partition, wanted.only, wanted.oldest_first, after)
        request["Limit"] = wanted.limit if wanted.only is None else max(wanted.limit, FILTERED_READ)
        found, last = read_up_to(dynamodb, request, wanted.limit)
        return found, last is not None

    answers = list(_READERS.map(read, keys.listing_partitions(wanted.listing)))
    # By sort key: an item moving from the listing's own key to its shard may show, for a moment, in both.
    by_sort_key = {item[sort_key]["S"]: item for found, _ in answers for item in found}
    merged = [by_sort_key[key] for key in sorted(by_sort_key, reverse=not wanted.oldest_first)]
    kept = merged[: wanted.limit]
    more = len(merged) > wanted.limit or any(unfinished for _, unfinished in answers)
    cursor = _encode_cursor(wanted.listing, kept[-1][sort_key]["S"]) if more and kept else None
    return Page([convert(item) for item in kept], cursor)


def merged_count(dynamodb: Any, table: str, index: str, listing: str, only: Condition | None) -> int:
    """How many items of a listing match a condition (all, for none), each partition counted with
    `Select=COUNT`."""

    def count(partition: str) -> int:
        request = query_request(table, index, partition, only)
        request["Select"] = "COUNT"
        total = 0
        while True:
            response = dynamodb.query(**request)
            total += int(response["Count"])
            last = response.get("LastEvaluatedKey")
            if last is None:
                return total
            request["ExclusiveStartKey"] = last

    return sum(_READERS.map(count, keys.listing_partitions(listing)))


def _encode_cursor(listing: str, after: str) -> str:
    return encode_document({"listing": listing, "after": after})


def _decode_cursor(cursor: str, listing: str) -> str:
    problem = ValidationFailedError(
        "The cursor is not one this listing gave out.",
        [FieldProblem("cursor", "is not a cursor from this listing; start again without it")],
    )
    plain = decode_document(cursor, problem)
    if (
        not isinstance(plain, dict)
        or set(plain) != {"listing", "after"}
        or plain["listing"] != listing
        or not isinstance(plain["after"], str)
        or not plain["after"]
    ):
        raise problem
    return plain["after"]
