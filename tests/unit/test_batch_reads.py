"""Reading many items by key: chunks of 100, keys the table left unprocessed asked for again, and a
table that never catches up reported as busy (a 503 to retry) instead of a loop without end."""

from typing import Any

import pytest

from chalicelib.adapters.batch_reads import TableBusyError, get_many
from chalicelib.api.errors import domain_error_response

TABLE = "public-review"


class SlowTable:
    """Answers each BatchGetItem with at most `per_call` of the keys asked for; the rest come back
    as unprocessed, as DynamoDB does when a partition is busy."""

    def __init__(self, per_call: int) -> None:
        self.per_call = per_call
        self.requests: list[int] = []

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:
        wanted = RequestItems[TABLE]["Keys"]
        self.requests.append(len(wanted))
        served, left = wanted[: self.per_call], wanted[self.per_call :]
        unprocessed = {TABLE: {**RequestItems[TABLE], "Keys": left}} if left else {}
        return {"Responses": {TABLE: [dict(key) for key in served]}, "UnprocessedKeys": unprocessed}


def keys(count: int) -> list[dict[str, Any]]:
    return [{"PK": {"S": f"ITEM#{n}"}, "SK": {"S": "ITEM"}} for n in range(count)]


def test_many_keys_are_read_in_chunks_of_a_hundred_and_unprocessed_ones_asked_for_again():
    table = SlowTable(per_call=60)

    found = get_many(table, TABLE, keys(250))

    assert sorted(item["PK"]["S"] for item in found) == sorted(key["PK"]["S"] for key in keys(250))
    assert max(table.requests) == 100


def test_a_table_that_never_catches_up_is_reported_busy_so_the_client_retries():
    table = SlowTable(per_call=0)

    with pytest.raises(TableBusyError) as busy:
        get_many(table, TABLE, keys(3))

    assert domain_error_response(busy.value).status_code == 503
