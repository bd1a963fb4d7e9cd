"""One record's work for each event source. Powertools' batch processor reports the records that failed,
so only they are retried; its idempotency layer, on the unit of work, makes a redelivered message a no-op."""

import json
from functools import cache
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)

from chalicelib import dependencies
from chalicelib.adapters.items import from_item
from chalicelib.observability import logger, metrics
from chalicelib.services.notifications import Delivery, announce_citations, notify, notify_citation
from chalicelib.services.routing import work_for_change
from chalicelib.services.screening import screen_feedback

IDEMPOTENCY_PARTITION = "IDEMPOTENCY#workers"
_screening_config = IdempotencyConfig(event_key_jmespath="feedback_id", expires_after_seconds=24 * 3600)
_notification_config = IdempotencyConfig(
    event_key_jmespath="[kind, feedback_id, recommendation_id]", expires_after_seconds=7 * 24 * 3600
)


def _idempotency_store(deps: dependencies.Dependencies) -> DynamoDBPersistenceLayer:
    """One store per unit of work: a store keeps the first configuration it is given."""
    return DynamoDBPersistenceLayer(
        table_name=deps.table_name,
        key_attr="PK",
        sort_key_attr="SK",
        static_pk_value=IDEMPOTENCY_PARTITION,
        expiry_attr="expires_at",
        boto3_client=deps.dynamodb,
    )


def process_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(
            event=event,
            record_handler=_route_change,
            processor=BatchProcessor(EventType.DynamoDBStreams),
            context=context,
        )
    )


def process_screening(event: dict[str, Any], context: Any) -> dict[str, Any]:
    _screening_config.register_lambda_context(context)
    return dict(
        process_partial_response(
            event=event, record_handler=_screen, processor=BatchProcessor(EventType.SQS), context=context
        )
    )


def process_notifications(event: dict[str, Any], context: Any) -> dict[str, Any]:
    _notification_config.register_lambda_context(context)
    try:
        return dict(
            process_partial_response(
                event=event, record_handler=_notify, processor=BatchProcessor(EventType.SQS), context=context
            )
        )
    finally:
        metrics.flush()


def _route_change(record: DynamoDBRecord) -> None:
    change = record.raw_event
    images = change.get("dynamodb", {})
    old = from_item(images["OldImage"]) if "OldImage" in images else None
    new = from_item(images["NewImage"]) if "NewImage" in images else None
    queues = dependencies.current().work_queues

    for message in work_for_change(str(change.get("eventName")), old, new):
        queues.send(message)


def _screen(record: SQSRecord) -> None:
    _idempotent("screen")(message=json.loads(record.body))


def _notify(record: SQSRecord) -> None:
    _idempotent("notify")(message=json.loads(record.body))


def _screen_once(message: dict[str, str]) -> str:
    deps = dependencies.current()
    screened = screen_feedback(
        message["feedback_id"], repository=deps.feedback, index=deps.screening_index, clock=deps.clock
    )
    logger.info("screened", extra={"feedback_id": screened.id, "status": screened.status.value})
    return screened.status.value


def _notify_once(message: dict[str, str]) -> str | int:
    deps = dependencies.current()
    kind = message["kind"]
    sent: Delivery | int
    if kind == "first_published":
        sent = announce_citations(
            message["recommendation_id"], citations=deps.recommendations, queues=deps.work_queues
        )
    elif kind == "cited":
        sent = notify_citation(
            message["recommendation_id"],
            message["feedback_id"],
            citations=deps.recommendations,
            repository=deps.feedback,
            mailer=deps.mailer,
            program=deps.program,
            allowance=deps.mail_allowance,
        )
    else:
        sent = notify(
            kind,
            message["feedback_id"],
            repository=deps.feedback,
            mailer=deps.mailer,
            program=deps.program,
            allowance=deps.mail_allowance,
        )
    if sent == Delivery.OVER_DAILY_LIMIT:
        metrics.add_metric(name="EmailsDroppedOverDailyLimit", unit=MetricUnit.Count, value=1)
    logger.info("notification", extra={**message, "sent": str(sent)})
    return sent if isinstance(sent, int) else sent.value


# The idempotency layer is applied on first use, when the persistence store can be built.
def _idempotent(name: str) -> Any:
    return _idempotent_for(name, dependencies.current())


@cache
def _idempotent_for(name: str, deps: dependencies.Dependencies) -> Any:
    function, config = {
        "screen": (_screen_once, _screening_config),
        "notify": (_notify_once, _notification_config),
    }[name]
    return idempotent_function(
        data_keyword_argument="message", persistence_store=_idempotency_store(deps), config=config
    )(function)
