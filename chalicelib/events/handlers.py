"""Lambda's event sources: the table's stream (the outbox), the screening queue, the notification queue.

Each handler only hands its batch to powertools' batch processor, which reports the records that failed
so that only those are retried; the work for one record lives in chalicelib.events.records.
"""

import os
from typing import Any

from chalice.app import Blueprint, DynamoDBEvent, SQSEvent

event_handlers = Blueprint(__name__)

SCREENING_QUEUE_NAME = "public-review-screening"
NOTIFICATION_QUEUE_NAME = "public-review-notifications"
# The stream's ARN is only known once the table exists; the cloud template sets the event source's
# stream from the table itself, and the local pump finds the local table's stream by the table name.
_STREAM_ARN = os.environ.get(
    "TABLE_STREAM_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/public-review/stream/pending"
)


@event_handlers.on_dynamodb_record(stream_arn=_STREAM_ARN, batch_size=100, starting_position="TRIM_HORIZON")
def route_stored_changes(event: DynamoDBEvent) -> dict[str, Any]:
    from chalicelib.events import records

    return records.process_stream(event.to_dict(), event.context)


@event_handlers.on_sqs_message(queue=SCREENING_QUEUE_NAME, batch_size=10)
def screen_feedback(event: SQSEvent) -> dict[str, Any]:
    from chalicelib.events import records

    return records.process_screening(event.to_dict(), event.context)


@event_handlers.on_sqs_message(queue=NOTIFICATION_QUEUE_NAME, batch_size=10)
def send_notifications(event: SQSEvent) -> dict[str, Any]:
    from chalicelib.events import records

    return records.process_notifications(event.to_dict(), event.context)
