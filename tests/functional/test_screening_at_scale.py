"""Screening at comment-period scale: few DynamoDB calls per item, counted on the app's own client as it
calls moto, and a campaign screened by the local pump's concurrent handlers still forming one cluster."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from chalicelib import dependencies
from chalicelib.adapters import keys
from chalicelib.domain.spam import FLOOD_LIMIT
from tests.functional.conftest import FAST_PUMP, body_of, post_json, signed_in
from tests.functional.test_event_handlers import invoke, sqs_event
from tests.support.form import filled_in_form_token

MOST_CALLS_PER_SCREENING = 8
CAMPAIGN_COPIES = 200
LETTER = (
    "As a parent in this district I ask the Climate and Culture team to measure school climate with a "
    "yearly family survey, to publish the results for every building, and to count chronic absence as a "
    "sign of climate and not only of attendance. Signed, parent number {n}."
)


class CallCounter:
    """Counts the DynamoDB operations a client sends, by name, as botocore is about to send each."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def __call__(self, model: Any, **_: Any) -> None:
        self.calls[model.name] += 1


@pytest.fixture
def dynamodb_calls(client) -> Iterator[CallCounter]:
    counter = CallCounter()
    events = dependencies.current().dynamodb.meta.events
    events.register("before-call.dynamodb.*", counter)
    yield counter
    events.unregister("before-call.dynamodb.*", counter)


def submit(client: Any, body: str) -> str:
    document = {
        "team": "climate-and-culture",
        "body": body,
        "consent_to_publish": True,
        "form_token": filled_in_form_token(),
    }
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return str(body_of(response)["id"])


def screen(client: Any, *feedback_ids: str) -> None:
    answer = invoke(client, "screen_feedback", sqs_event(*({"feedback_id": fid} for fid in feedback_ids)))
    assert answer == {"batchItemFailures": []}


def test_screening_an_item_like_no_other_takes_at_most_eight_dynamodb_calls(client, dynamodb_calls):
    feedback_id = submit(client, "Please fix the heating in the middle school gym before winter.")
    dynamodb_calls.calls.clear()

    screen(client, feedback_id)

    assert sum(dynamodb_calls.calls.values()) <= MOST_CALLS_PER_SCREENING, dynamodb_calls.calls
    assert dynamodb_calls.calls == {
        "PutItem": 1,  # the idempotency record, in progress
        "GetItem": 1,  # the item
        "Query": 1,  # its source's submissions in the last hour
        "BatchGetItem": 1,  # the fingerprint and the sixteen LSH buckets
        "TransactWriteItems": 1,  # the item, its event, fingerprint, buckets, cluster, member and count
        "UpdateItem": 1,  # the idempotency record, done
    }


def test_a_flood_is_told_from_no_more_of_its_source_s_submissions_than_a_flood_takes(client, stack):
    ids = [
        submit(client, f"Note {n}: the buses are late on the north route.") for n in range(FLOOD_LIMIT * 3)
    ]
    read: list[int] = []

    def count_read(parsed: dict[str, Any], **_: Any) -> None:
        read.append(parsed["ScannedCount"])

    events = dependencies.current().dynamodb.meta.events
    events.register("after-call.dynamodb.Query", count_read)
    try:
        screen(client, ids[-1])
    finally:
        events.unregister("after-call.dynamodb.Query", count_read)
    queued = all_queued(client, signed_in(stack, "staff"))

    assert read == [FLOOD_LIMIT + 1]
    assert [item["spam_signals"] for item in queued] == [["flood"]]


def test_an_exact_copy_joins_its_cluster_writing_only_its_own_item_and_one_shard_of_the_cluster(
    client, dynamodb_calls
):
    first = submit(client, LETTER.format(n=1))
    screen(client, first)
    copy = submit(client, LETTER.format(n=1).upper())
    written = WrittenPartitions()
    events = dependencies.current().dynamodb.meta.events
    events.register("before-parameter-build.dynamodb.TransactWriteItems", written)
    dynamodb_calls.calls.clear()
    try:
        screen(client, copy)
    finally:
        events.unregister("before-parameter-build.dynamodb.TransactWriteItems", written)

    assert sum(dynamodb_calls.calls.values()) <= MOST_CALLS_PER_SCREENING, dynamodb_calls.calls
    assert written.partitions == {
        keys.feedback_pk(copy),
        keys.cluster_shard_pk(first, keys.cluster_shard_of(copy)),
    }


def test_each_screening_keeps_its_idempotency_record_under_a_partition_of_its_own(client, stack):
    ids = [submit(client, f"Note {n}: the buses are late on the north route.") for n in range(3)]

    screen(client, *ids)
    partitions = [
        item["PK"]["S"]
        for item in stack.aws("dynamodb").scan(TableName=stack.table_name)["Items"]
        if item["SK"]["S"] == keys.WORKER_IDEMPOTENCY_SK
    ]

    assert len(set(partitions)) == len(partitions) == 3
    assert all(partition.startswith("IDEMPOTENCY#screening#") for partition in partitions)


def test_a_campaign_screened_by_the_pump_s_concurrent_handlers_is_one_cluster_shown_once_with_its_count(
    client, stack, workers
):
    # GIVEN the local pump working the screening queue with several invocations at once, as Lambda does
    assert FAST_PUMP.sqs_concurrency > 1
    # WHEN a campaign's copies arrive together and the pump routes and screens them
    ids = [submit(client, LETTER.format(n=n)) for n in range(CAMPAIGN_COPIES)]
    workers()
    staff = signed_in(stack, "staff")
    queued = all_queued(client, staff)
    decision = post_json(
        client, f"/queues/moderation/{ids[0]}/decision", {"action": "publish", "whole_cluster": True}, staff
    )
    workers()
    page = body_of(client.http.get("/teams/climate-and-culture/feedback"))

    # THEN they form one cluster counting every copy, and the public page shows it once with that count
    assert sorted(item["id"] for item in queued) == sorted(ids)
    assert len({item["cluster"]["id"] for item in queued}) == 1
    assert {item["cluster"]["size"] for item in queued} == {CAMPAIGN_COPIES}
    assert len(body_of(decision)["decided"]) == CAMPAIGN_COPIES
    assert [item["count"] for item in page["items"]] == [CAMPAIGN_COPIES]


class WrittenPartitions:
    """The partition keys a transaction writes to."""

    def __init__(self) -> None:
        self.partitions: set[str] = set()

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        for write in params["TransactItems"]:
            kind, request = next(iter(write.items()))
            self.partitions.add(request["Item" if kind == "Put" else "Key"]["PK"]["S"])


def all_queued(client: Any, headers: dict[str, str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = body_of(client.http.get(f"/queues/moderation?limit=100{cursor}", headers=headers))
        items += page["items"]
        if not page["cursor"]:
            return items
        cursor = f"&cursor={page['cursor']}"
