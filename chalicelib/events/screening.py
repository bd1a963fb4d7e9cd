"""The screening queue: one message asks for one feedback item to be screened, once however often it is
delivered."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

from chalicelib import dependencies
from chalicelib.events.idempotency import once_per_key
from chalicelib.observability import logger
from chalicelib.services.screening import screen_feedback

_ONCE_PER_ITEM = IdempotencyConfig(
    event_key_jmespath="powertools_json(body).feedback_id", expires_after_seconds=24 * 3600
)


def process_screening(event: dict[str, Any], context: Any) -> dict[str, Any]:
    _ONCE_PER_ITEM.register_lambda_context(context)
    return dict(
        process_partial_response(
            event=event, record_handler=screen, processor=BatchProcessor(EventType.SQS), context=context
        )
    )


@once_per_key("screening", _ONCE_PER_ITEM)
def screen(record: SQSRecord) -> str:
    deps = dependencies.current()
    feedback_id = str(record.json_body["feedback_id"])
    screened = screen_feedback(
        feedback_id, repository=deps.feedback, index=deps.screening_index, clock=deps.clock
    )
    logger.info("screened", extra={"feedback_id": screened.id, "status": screened.status.value})
    return screened.status.value
