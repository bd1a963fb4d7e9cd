"""The event handlers as Lambda invokes them, with events shaped field for field like Lambda's: each
record's outcome is reported on its own, and a record delivered twice changes nothing twice."""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from chalicelib.adapters.feedback_items import event_item, feedback_item
from chalicelib.adapters.items import to_item
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus
from tests.functional.conftest import body_of, post_json, signed_in

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:public-review-screening"
STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/public-review/stream/2026-11-23T00:00:00.000"


def sqs_event(*bodies: dict[str, Any]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": uuid.uuid4().hex,
                "body": json.dumps(body),
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": "1795448430738",
                    "SenderId": "AIDAEXAMPLE",
                    "ApproximateFirstReceiveTimestamp": "1795448430740",
                },
                "messageAttributes": {},
                "md5OfBody": "0" * 32,
                "eventSource": "aws:sqs",
                "eventSourceARN": QUEUE_ARN,
                "awsRegion": "us-east-1",
            }
            for body in bodies
        ]
    }


def stream_event(new_image: dict[str, Any], sequence: str = "100000000000000000001") -> dict[str, Any]:
    return {
        "Records": [
            {
                "eventID": uuid.uuid4().hex,
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "us-east-1",
                "dynamodb": {
                    "ApproximateCreationDateTime": int(datetime.now(UTC).timestamp()),
                    "Keys": {"PK": new_image["PK"], "SK": new_image["SK"]},
                    "NewImage": new_image,
                    "SequenceNumber": sequence,
                    "SizeBytes": 512,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": STREAM_ARN,
            }
        ]
    }


def invoke(client: Any, name: str, event: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = client.lambda_.invoke(name, event).payload
    return answer


def stored_submission(client: Any) -> str:
    response = post_json(
        client, "/feedback", {"team": "general", "body": "Shorter tests.", "consent_to_publish": True}
    )
    return body_of(response)["id"]


def test_a_screening_batch_reports_only_the_record_that_failed(client, stack):
    feedback_id = stored_submission(client)
    event = sqs_event({"feedback_id": feedback_id}, {"feedback_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"})

    answer = invoke(client, "screen_feedback", event)

    assert answer == {"batchItemFailures": [{"itemIdentifier": event["Records"][1]["messageId"]}]}
    history = body_of(client.http.get(f"/feedback/{feedback_id}/history", headers=signed_in(stack, "staff")))
    assert [event["action"] for event in history["events"]] == ["received", "screened"]


def test_a_redelivered_screening_message_screens_once(client, stack):
    feedback_id = stored_submission(client)

    first = invoke(client, "screen_feedback", sqs_event({"feedback_id": feedback_id}))
    again = invoke(client, "screen_feedback", sqs_event({"feedback_id": feedback_id}))

    assert first == again == {"batchItemFailures": []}
    history = body_of(client.http.get(f"/feedback/{feedback_id}/history", headers=signed_in(stack, "staff")))
    assert [event["action"] for event in history["events"]] == ["received", "screened"]
    assert stack.count_items("similarity") == 17  # one fingerprint and sixteen LSH buckets, not twice that


def test_a_stored_submission_in_the_stream_becomes_a_screening_message(client, stack):
    image = feedback_item(
        Feedback(
            id="01JD0000000000000000000000",
            program_id="msip-6",
            team="general",
            body="Shorter tests.",
            policy_goals=[],
            consent_to_publish=True,
            status=FeedbackStatus.RECEIVED,
            submitted_at=datetime(2026, 11, 23, tzinfo=UTC),
            receipt_hash="0" * 64,
        )
    )
    sqs = stack.aws("sqs")
    queue_url = stack.resources.queues["ScreeningQueue"].url
    sqs.purge_queue(QueueUrl=queue_url)

    answer = invoke(client, "route_stored_changes", stream_event(image))

    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    for message in messages:
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    assert answer == {"batchItemFailures": []}
    assert [json.loads(message["Body"]) for message in messages] == [
        {"feedback_id": "01JD0000000000000000000000"}
    ]


def test_a_redelivered_notification_sends_one_email(client, stack):
    address = f"once-{uuid.uuid4().hex[:8]}@example.org"
    response = post_json(
        client,
        "/feedback",
        {
            "team": "general",
            "body": "Shorter tests.",
            "consent_to_publish": True,
            "submitter": {"email": address},
        },
    )
    feedback_id = body_of(response)["id"]
    invoke(client, "screen_feedback", sqs_event({"feedback_id": feedback_id}))
    acknowledgement = {"kind": "acknowledgement", "feedback_id": feedback_id}

    first = invoke(client, "send_notifications", sqs_event(acknowledgement))
    again = invoke(client, "send_notifications", sqs_event(acknowledgement))

    assert first == again == {"batchItemFailures": []}
    subjects = [sent.subject for sent in stack.sent_emails() if address in sent.to]
    assert len(subjects) == 1
    assert subjects[0].startswith("We received your feedback")


def test_a_notification_of_a_kind_no_one_knows_sends_nothing_and_does_not_fail(client, stack):
    feedback_id = stored_submission(client)

    answer = invoke(client, "send_notifications", sqs_event({"kind": "postcard", "feedback_id": feedback_id}))

    assert answer == {"batchItemFailures": []}


def test_a_stored_change_that_cannot_be_read_is_reported_failed_so_it_is_retried_not_dropped(client, stack):
    readable = event_item(
        AuditEvent(
            subject_id="F0", at=datetime.now(UTC), action="received", actor="public", to_status="received"
        )
    )
    unreadable = to_item({"PK": "FEEDBACK#F1", "SK": "FEEDBACK", "entity": "feedback", "id": "F1"})
    event = stream_event(readable)
    event["Records"] += stream_event(unreadable, sequence="100000000000000000002")["Records"]

    answer = invoke(client, "route_stored_changes", event)

    assert answer == {"batchItemFailures": [{"itemIdentifier": "100000000000000000002"}]}
