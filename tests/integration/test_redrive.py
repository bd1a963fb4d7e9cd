"""`make redrive` moves dead-lettered messages back to the queues they failed in, found from the queues'
RedrivePolicy, on a moto server like the one `make run` starts."""

import json
import time
from typing import Any

import pytest

from infra.local.resources import Queue
from infra.redrive import Queue as RedriveQueue
from infra.redrive import RedrivePair, destination_of, main, queues, redrive, redrive_pairs

SCREENING, NOTIFICATIONS = "public-review-screening", "public-review-notifications"


def fail_until_dead_lettered(sqs: Any, queue: Queue, dead_letter: Queue, body: str, **extra: Any) -> str:
    """Sends a message and receives it without deleting it until SQS moves it to the dead-letter queue."""
    sqs.send_message(QueueUrl=queue.url, MessageBody=body, **extra)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        sqs.receive_message(QueueUrl=queue.url, VisibilityTimeout=0, MaxNumberOfMessages=10)
        if waiting(sqs, dead_letter):
            return body
    pytest.fail(f"{body!r} never reached {dead_letter.name}")


def waiting(sqs: Any, queue: Queue) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=queue.url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def drain(sqs: Any, queue: Queue) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    while batch := sqs.receive_message(
        QueueUrl=queue.url, MaxNumberOfMessages=10, MessageAttributeNames=["All"], VisibilityTimeout=30
    ).get("Messages", []):
        messages += batch
    return messages


def test_the_template_queues_pair_with_their_dead_letter_queues_through_their_redrive_policy(
    clients, resources
):
    # WHEN the pairs are read from the local queues
    pairs = redrive_pairs(queues(clients.sqs))

    # THEN each work queue pairs with its own dead-letter queue, and the stream's has no source
    assert {pair.dead_letter.name: [source.name for source in pair.sources] for pair in pairs} == {
        f"{SCREENING}-dlq": [SCREENING],
        f"{NOTIFICATIONS}-dlq": [NOTIFICATIONS],
    }


def test_a_message_that_failed_in_its_queue_goes_back_to_it_with_its_attributes(clients, resources):
    # GIVEN a message that failed five times in the screening queue
    screening = resources.queues["ScreeningQueue"]
    dead_letter = resources.queues["ScreeningDeadLetterQueue"]
    attributes = {"kind": {"DataType": "String", "StringValue": "feedback.submitted"}}
    fail_until_dead_lettered(
        clients.sqs, screening, dead_letter, '{"id": "f-1"}', MessageAttributes=attributes
    )
    reported: list[str] = []

    # WHEN the dead-letter queues are redriven
    results = redrive(clients.sqs, report=reported.append)

    # THEN it is back in its queue as it was, the dead-letter queue is empty, and the move was reported
    (moved,) = drain(clients.sqs, screening)
    assert moved["Body"] == '{"id": "f-1"}'
    assert moved["MessageAttributes"] == attributes
    assert waiting(clients.sqs, dead_letter) == 0
    assert [len(result.moved) for result in results] == [0, 1]
    assert any(f"{SCREENING}-dlq -> {SCREENING}" in line and "receive count" in line for line in reported)
    assert f"{SCREENING}-dlq -> {SCREENING}: 1 moved" in reported


def test_a_named_queue_is_the_only_one_redriven(clients, resources):
    # GIVEN a dead-lettered message for each work queue
    for work, dead in (
        ("ScreeningQueue", "ScreeningDeadLetterQueue"),
        ("NotificationQueue", "NotificationDeadLetterQueue"),
    ):
        fail_until_dead_lettered(clients.sqs, resources.queues[work], resources.queues[dead], work)

    # WHEN only the notification queue is redriven, by its name
    redrive(clients.sqs, NOTIFICATIONS, report=lambda line: None)

    # THEN only its message moved
    assert [message["Body"] for message in drain(clients.sqs, resources.queues["NotificationQueue"])] == [
        "NotificationQueue"
    ]
    assert waiting(clients.sqs, resources.queues["ScreeningDeadLetterQueue"]) == 1


def test_a_queue_it_cannot_redrive_is_refused_by_name_and_left_alone(
    clients, resources, moto_endpoint, capsys
):
    # GIVEN a failure notice in the stream's dead-letter queue, which nothing redrives to
    stream_dead_letter = resources.queues["StreamDeadLetterQueue"]
    clients.sqs.send_message(QueueUrl=stream_dead_letter.url, MessageBody='{"DDBStreamBatchInfo": {}}')

    # WHEN it is named for a redrive, then everything is redriven
    with pytest.raises(LookupError, match="nothing to move it back to"):
        redrive(clients.sqs, stream_dead_letter.name, report=lambda line: None)
    redrive(clients.sqs, report=lambda line: None)

    # THEN the notice stays where it is
    assert waiting(clients.sqs, stream_dead_letter) == 1
    # AND a name that is no queue at all is refused with the names that are
    assert main(["--endpoint-url", moto_endpoint, "--region", clients.region, "--queue", "nope"]) == 1
    assert (
        "there is no queue nope here; the queues are: public-review-notifications" in capsys.readouterr().err
    )


def test_a_message_whose_source_cannot_be_told_is_left_where_it_is(clients, resources):
    # GIVEN two queues sharing one dead-letter queue, and a message in it that names neither
    shared = clients.sqs.create_queue(QueueName="shared-dlq")["QueueUrl"]
    shared_arn = clients.sqs.get_queue_attributes(QueueUrl=shared, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    policy = json.dumps({"deadLetterTargetArn": shared_arn, "maxReceiveCount": 5})
    for name in ("first", "second"):
        clients.sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": policy})
    clients.sqs.send_message(QueueUrl=shared, MessageBody="whose?")
    reported: list[str] = []

    # WHEN the dead-letter queues are redriven
    redrive(clients.sqs, report=reported.append)

    # THEN it stays, visible again at once, and the report says so
    assert "shared-dlq -> first, second: 0 moved, 1 left where they are" in reported
    assert [
        message["Body"] for message in drain(clients.sqs, Queue("shared", "shared-dlq", shared, shared_arn))
    ] == ["whose?"]


def test_the_command_prints_what_it_moved_from_the_endpoint_it_is_given(
    clients, resources, moto_endpoint, capsys
):
    # GIVEN a dead-lettered notification
    fail_until_dead_lettered(
        clients.sqs,
        resources.queues["NotificationQueue"],
        resources.queues["NotificationDeadLetterQueue"],
        "mail",
    )

    # WHEN `python -m infra.redrive` runs against that endpoint and region
    status = main(["--endpoint-url", moto_endpoint, "--region", clients.region])

    # THEN it moved it and said so
    output = capsys.readouterr().out
    assert status == 0
    assert f"{NOTIFICATIONS}-dlq -> {NOTIFICATIONS}: 1 moved" in output
    assert f"{SCREENING}-dlq -> {SCREENING}: 0 moved" in output


def test_the_command_sends_you_to_make_run_when_no_local_stack_has_run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LOCAL_DATA_DIR", str(tmp_path))

    assert main(["--local"]) == 1
    assert "start it with `make run`" in capsys.readouterr().err


def test_a_message_this_run_sent_back_that_failed_again_is_left_for_the_next_run():
    dead_letter = RedriveQueue("work-dlq", "url-dlq", "arn:dlq")
    work = RedriveQueue("work", "url", "arn:work", dead_letter_arn="arn:dlq")
    pair = RedrivePair(dead_letter, (work,))

    assert destination_of(pair, {"MessageId": "first-time"}, None, sent_here={"sent-back"}) == work
    assert destination_of(pair, {"MessageId": "sent-back"}, None, sent_here={"sent-back"}) is None


def test_a_message_sqs_names_the_source_of_goes_back_to_that_source_only():
    dead_letter = RedriveQueue("shared-dlq", "url-dlq", "arn:dlq")
    first, second = RedriveQueue("first", "u1", "arn:first"), RedriveQueue("second", "u2", "arn:second")
    pair = RedrivePair(dead_letter, (first, second))
    from_second = {"MessageId": "m", "Attributes": {"DeadLetterQueueSourceArn": "arn:second"}}

    assert destination_of(pair, from_second, None, set()) == second
    assert destination_of(pair, from_second, {"second"}, set()) == second
    assert destination_of(pair, from_second, {"first"}, set()) is None
    assert destination_of(pair, {"MessageId": "m"}, None, set()) is None
