"""The table's stream, the outbox's source: each record is decoded into the entities it stores, by the
adapters that stored them, and the outbox turns the change into work on the queues."""

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from chalicelib import dependencies
from chalicelib.adapters.entities import Entity, entity_of
from chalicelib.adapters.event_items import event_from, registration_from
from chalicelib.adapters.event_records import issued_certificate_from
from chalicelib.adapters.feedback_items import feedback_from
from chalicelib.adapters.question_repository import question_from
from chalicelib.adapters.recommendation_items import link_from, recommendation_from
from chalicelib.domain.work import ChangeKind, Stored, StoredChange
from chalicelib.services.outbox import work_for_change

_DECODERS: dict[str, Callable[[dict[str, Any]], Stored]] = {
    Entity.FEEDBACK: feedback_from,
    Entity.RECOMMENDATION: recommendation_from,
    Entity.RECOMMENDATION_LINK: link_from,
    Entity.PROGRAM_EVENT: event_from,
    Entity.REGISTRATION: registration_from,
    Entity.EVENT_QUESTION: question_from,
    Entity.CERTIFICATE: issued_certificate_from,
}


def process_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(
            event=event,
            record_handler=route_change,
            processor=BatchProcessor(EventType.DynamoDBStreams),
            context=context,
        )
    )


def route_change(record: DynamoDBRecord) -> None:
    queues = dependencies.current().work_queues
    for message in work_for_change(stored_change(record.raw_event)):
        queues.send(message)


def stored_change(record: dict[str, Any]) -> StoredChange:
    """A stream record as the change it made; an item the workers do not act on decodes as None, and an
    item they act on that cannot be read raises, so its record is retried rather than dropped."""
    images = record.get("dynamodb", {})
    return StoredChange(
        kind=ChangeKind(record["eventName"]),
        before=_decoded(images.get("OldImage")),
        after=_decoded(images.get("NewImage")),
    )


def _decoded(image: dict[str, Any] | None) -> Stored | None:
    if image is None:
        return None
    decode = _DECODERS.get(entity_of(image) or "")
    return decode(image) if decode else None
