"""Lambda's event sources: the table's stream (the outbox), the screening queue, the notification queue.

Each handler only hands its batch to powertools' batch processor, which reports the records that failed
so that only those are retried; the work for one record lives in the module the handler imports.
"""

from typing import Any

from chalice.app import Blueprint, DynamoDBEvent, SQSEvent

from chalicelib.settings import settings

event_handlers = Blueprint(__name__)

SCREENING_QUEUE_NAME = "public-review-screening"
NOTIFICATION_QUEUE_NAME = "public-review-notifications"


@event_handlers.on_dynamodb_record(
    stream_arn=settings().table_stream_arn, batch_size=100, starting_position="TRIM_HORIZON"
)
def route_stored_changes(event: DynamoDBEvent) -> dict[str, Any]:
    from chalicelib.events import stored_changes

    return stored_changes.process_stream(event.to_dict(), event.context)


@event_handlers.on_sqs_message(queue=SCREENING_QUEUE_NAME, batch_size=10)
def screen_feedback(event: SQSEvent) -> dict[str, Any]:
    from chalicelib.events import screening

    return screening.process_screening(event.to_dict(), event.context)


@event_handlers.on_sqs_message(queue=NOTIFICATION_QUEUE_NAME, batch_size=10)
def send_notifications(event: SQSEvent) -> dict[str, Any]:
    from chalicelib.events import notifications

    return notifications.process_notifications(event.to_dict(), event.context)
