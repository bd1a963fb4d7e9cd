"""The local event pump feeds a Chalice app's SQS and stream handlers the way Lambda's event source
mappings do: batches, partial batch failures, retries, redrive to the dead-letter queue."""

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from chalice import Chalice
from moto.dynamodb.models import dynamodb_backends

from infra.local.pump import EventPump, PumpSettings
from infra.local.template import ACCOUNT_ID

# One poller per queue, so a batch the test sends arrives as one delivery; concurrency has its own test.
FAST = PumpSettings(
    sqs_wait_seconds=1,
    retry_delay_seconds=0,
    stream_poll_seconds=0.05,
    stream_backoff_seconds=0.05,
    sqs_concurrency=1,
)

app = Chalice(app_name="pump-test")
deliveries: list[dict[str, Any]] = []
stream_deliveries: list[dict[str, Any]] = []
_lock = threading.Lock()


@app.on_sqs_message(queue="public-review-screening", batch_size=10)
def screen(event: Any) -> dict[str, Any]:
    raw = event.to_dict()
    with _lock:
        deliveries.append(raw)
    failed = []
    for record in raw["Records"]:
        body, first_time = record["body"], record["attributes"]["ApproximateReceiveCount"] == "1"
        if body == "raise-once" and first_time:
            raise RuntimeError("a downstream call timed out")
        if body == "poison" or (body == "fail-once" and first_time):
            failed.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failed}


@app.on_dynamodb_record(
    stream_arn="arn:aws:dynamodb:us-east-1:123456789012:table/public-review/stream/placeholder"
)
def route(event: Any) -> dict[str, Any]:
    raw = event.to_dict()
    with _lock:
        stream_deliveries.append(raw)
        seen_before = sum(
            1
            for delivery in stream_deliveries[:-1]
            for record in delivery["Records"]
            if _pk(record) == "fail-once"
        )
    for record in raw["Records"]:
        if _pk(record) == "fail-once" and not seen_before:
            return {"batchItemFailures": [{"itemIdentifier": record["dynamodb"]["SequenceNumber"]}]}
    return {"batchItemFailures": []}


def _pk(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["Keys"]["PK"]["S"])


@pytest.fixture
def pump(clients, resources) -> Iterator[EventPump]:
    deliveries.clear()
    stream_deliveries.clear()
    # Built before anything is sent: its stream iterators start at LATEST, so the test's writes are read.
    pump = EventPump(app, clients, resources, FAST)
    yield pump
    pump.stop()


def send(clients, resources, *bodies: str) -> None:
    clients.sqs.send_message_batch(
        QueueUrl=resources.queues["ScreeningQueue"].url,
        Entries=[
            {
                "Id": str(index),
                "MessageBody": body,
                "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "feedback"}},
            }
            for index, body in enumerate(bodies)
        ],
    )


def bodies(delivery: dict[str, Any]) -> list[str]:
    return [record["body"] for record in delivery["Records"]]


def messages_in(clients, queue_url: str) -> list[str]:
    answer = clients.sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
    return [message["Body"] for message in answer.get("Messages", [])]


def test_waiting_messages_reach_the_handler_as_one_lambda_shaped_batch(clients, resources, pump):
    # GIVEN three messages waiting in the screening queue
    send(clients, resources, "one", "two", "three")

    # WHEN the pump runs until the queue is empty
    pump.start()
    assert pump.drain(timeout=10)

    # THEN the handler got them in one event, each record shaped as Lambda shapes it
    assert len(deliveries) == 1
    assert sorted(bodies(deliveries[0])) == ["one", "three", "two"]
    record = deliveries[0]["Records"][0]
    queue = resources.queues["ScreeningQueue"]
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == queue.arn
    assert record["awsRegion"] == clients.region
    assert record["messageId"] and record["receiptHandle"] and record["md5OfBody"]
    assert {
        "ApproximateReceiveCount",
        "SentTimestamp",
        "SenderId",
        "ApproximateFirstReceiveTimestamp",
    } <= set(record["attributes"])
    assert record["messageAttributes"]["kind"]["stringValue"] == "feedback"
    assert record["messageAttributes"]["kind"]["dataType"] == "String"
    assert messages_in(clients, queue.url) == []


def test_only_the_messages_reported_as_failed_are_delivered_again(clients, resources, pump):
    # GIVEN a batch in which one message fails the first time
    send(clients, resources, "ok-1", "fail-once", "ok-2")

    # WHEN the pump runs until the queue is empty
    pump.start()
    assert pump.drain(timeout=10)

    # THEN the second delivery holds only the failed message: the others were deleted after the first
    assert [sorted(bodies(delivery)) for delivery in deliveries] == [
        ["fail-once", "ok-1", "ok-2"],
        ["fail-once"],
    ]
    assert deliveries[1]["Records"][0]["attributes"]["ApproximateReceiveCount"] == "2"


def test_a_handler_that_raises_gets_the_whole_batch_again(clients, resources, pump):
    # GIVEN a batch whose handler raises the first time
    send(clients, resources, "ok", "raise-once")

    # WHEN the pump runs until the queue is empty
    pump.start()
    assert pump.drain(timeout=10)

    # THEN no message was deleted after the failure: both came back once
    assert [sorted(bodies(delivery)) for delivery in deliveries] == [
        ["ok", "raise-once"],
        ["ok", "raise-once"],
    ]


def test_a_message_that_always_fails_moves_to_the_dead_letter_queue_after_the_receive_limit(
    clients, resources, pump
):
    # GIVEN a message no retry can handle
    send(clients, resources, "poison")
    max_receive_count = json.loads(
        clients.sqs.get_queue_attributes(
            QueueUrl=resources.queues["ScreeningQueue"].url, AttributeNames=["RedrivePolicy"]
        )["Attributes"]["RedrivePolicy"]
    )["maxReceiveCount"]

    # WHEN the pump runs until the queue is empty
    pump.start()
    assert pump.drain(timeout=20)

    # THEN the handler saw it maxReceiveCount times, and it now waits in the dead-letter queue
    assert len(deliveries) == max_receive_count
    assert messages_in(clients, resources.queues["ScreeningDeadLetterQueue"].url) == ["poison"]


def test_a_new_item_reaches_the_stream_handler_with_every_field_lambda_sends(clients, resources, pump):
    # GIVEN the pump reading the table's stream
    pump.start()

    # WHEN an item is stored
    clients.dynamodb.put_item(
        TableName=resources.table_name,
        Item={"PK": {"S": "FEEDBACK#1"}, "SK": {"S": "FEEDBACK"}, "photo": {"B": b"\x00\x01"}},
    )
    assert pump.drain(timeout=10)

    # THEN the stream handler got one INSERT record shaped as Lambda shapes it
    assert len(stream_deliveries) == 1
    (record,) = stream_deliveries[0]["Records"]
    assert record["eventName"] == "INSERT"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["eventVersion"] == "1.1"
    assert record["eventID"]
    assert record["awsRegion"] == clients.region
    assert record["eventSourceARN"] == resources.table.stream_arn
    change = record["dynamodb"]
    assert isinstance(change["ApproximateCreationDateTime"], int)
    assert change["Keys"] == {"PK": {"S": "FEEDBACK#1"}, "SK": {"S": "FEEDBACK"}}
    assert change["NewImage"] == {"PK": {"S": "FEEDBACK#1"}, "SK": {"S": "FEEDBACK"}, "photo": {"B": "AAE="}}
    assert "OldImage" not in change
    assert change["SequenceNumber"].isdigit()
    assert change["SizeBytes"] > 0
    assert change["StreamViewType"] == "NEW_AND_OLD_IMAGES"


def test_a_stream_batch_that_fails_part_way_is_retried_from_the_first_failed_record(clients, resources, pump):
    # GIVEN three items stored together, the second failing the first time
    clients.dynamodb.batch_write_item(
        RequestItems={
            resources.table_name: [
                {"PutRequest": {"Item": {"PK": {"S": pk}, "SK": {"S": "X"}}}}
                for pk in ("first", "fail-once", "last")
            ]
        }
    )

    # WHEN the pump runs until the stream is read
    pump.start()
    assert pump.drain(timeout=10)

    # THEN the retry starts at the failed record, as Lambda resumes from the lowest failed sequence number
    delivered = [[_pk(record) for record in delivery["Records"]] for delivery in stream_deliveries]
    assert delivered == [["first", "fail-once", "last"], ["fail-once", "last"]]


scaled_app = Chalice(app_name="pump-scaling-test")
notified: list[str] = []
_first_two = threading.Barrier(2, timeout=20)
_arrivals = [0]


@scaled_app.on_sqs_message(queue="public-review-notifications", batch_size=2)
def notify(event: Any) -> None:
    with _lock:
        _arrivals[0] += 1
        among_first_two = _arrivals[0] <= 2
    if among_first_two:
        # Passes only when a second invocation is running at the same time as this one.
        _first_two.wait()
    with _lock:
        notified.extend(record.body for record in event)


def test_a_queue_is_worked_by_several_invocations_at_once_and_every_message_is_handled_once(
    clients, resources
):
    # GIVEN forty messages waiting in a queue whose handler takes two at a time
    queue = resources.queues["NotificationQueue"]
    sent = [f"message-{number}" for number in range(40)]
    for start in range(0, len(sent), 10):
        clients.sqs.send_message_batch(
            QueueUrl=queue.url,
            Entries=[
                {"Id": str(index), "MessageBody": body} for index, body in enumerate(sent[start : start + 10])
            ],
        )
    notified.clear()

    # WHEN the pump runs with four invocations per queue until the queue is empty
    pump = EventPump(scaled_app, clients, resources, replace(FAST, sqs_concurrency=4))
    pump.start()
    try:
        assert pump.drain(timeout=30)
    finally:
        pump.stop()

    # THEN two invocations ran at once (the first two met), and each message was handled exactly once
    assert not _first_two.broken
    assert sorted(notified) == sorted(sent)
    assert messages_in(clients, queue.url) == []


filtered_app = Chalice(app_name="pump-filter-test")
routed: list[dict[str, Any]] = []


# Named as the app's router, so the pump gives it RouteStoredChanges' filter from the template.
@filtered_app.on_dynamodb_record(
    stream_arn="arn:aws:dynamodb:us-east-1:123456789012:table/public-review/stream/placeholder"
)
def route_stored_changes(event: Any) -> None:
    with _lock:
        routed.extend(event.to_dict()["Records"])


def store(clients, resources, pk: str, **attributes: str) -> None:
    item = {
        "PK": {"S": pk},
        "SK": {"S": "ITEM"},
        **{name: {"S": value} for name, value in attributes.items()},
    }
    clients.dynamodb.put_item(TableName=resources.table_name, Item=item)


def expire_by_ttl(clients, resources, pk: str) -> None:
    """Deletes an item as DynamoDB's TTL does, which moto never does: its stream record names the service."""
    clients.dynamodb.delete_item(TableName=resources.table_name, Key={"PK": {"S": pk}, "SK": {"S": "ITEM"}})
    table = dynamodb_backends[ACCOUNT_ID][clients.region].get_table(resources.table_name)
    table.stream_shard.items[-1].record["userIdentity"] = {
        "Type": "Service",
        "PrincipalId": "dynamodb.amazonaws.com",
    }


def test_the_router_is_not_invoked_for_idempotency_records_sessions_or_ttl_deletions(clients, resources):
    # GIVEN the pump, with the filters of the template's stream sources
    routed.clear()
    pump = EventPump(filtered_app, clients, resources, FAST)

    # WHEN feedback and a registration are stored, a worker stores and completes its idempotency record, a
    # session comes and TTL removes it and the registration, and the feedback is deleted
    store(clients, resources, "FEEDBACK#1", entity="feedback")
    store(clients, resources, "IDEMPOTENCY#screen#1", status="INPROGRESS")
    store(clients, resources, "IDEMPOTENCY#screen#1", status="COMPLETED")
    store(clients, resources, "SESSION#1", entity="session")
    store(clients, resources, "REGISTRATION#1", entity="registration")
    expire_by_ttl(clients, resources, "REGISTRATION#1")
    expire_by_ttl(clients, resources, "SESSION#1")
    clients.dynamodb.delete_item(
        TableName=resources.table_name, Key={"PK": {"S": "FEEDBACK#1"}, "SK": {"S": "ITEM"}}
    )
    pump.start()
    try:
        assert pump.drain(timeout=10)
    finally:
        pump.stop()

    # THEN the router saw only the changes Lambda would deliver: the feedback and the registration, never
    # the idempotency record, the session or what TTL removed
    assert [(record["eventName"], _pk(record)) for record in routed] == [
        ("INSERT", "FEEDBACK#1"),
        ("INSERT", "REGISTRATION#1"),
        ("REMOVE", "FEEDBACK#1"),
    ]
    assert all("userIdentity" not in record for record in routed)
