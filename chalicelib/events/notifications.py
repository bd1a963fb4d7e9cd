"""The notification queue: one message asks for one email, or for the notices a newly published
recommendation owes; each is done once however often it is delivered."""

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig

from chalicelib import dependencies
from chalicelib.domain.work import NotificationKind
from chalicelib.events.idempotency import once_per_key
from chalicelib.observability import logger, metrics
from chalicelib.services.certificates import notify_certificate
from chalicelib.services.event_notifications import announce_move, notify_registrant
from chalicelib.services.event_questions import notify_answer
from chalicelib.services.notifications import Delivery, announce_citations, notify, notify_citation

_ONCE_PER_NOTICE = IdempotencyConfig(
    event_key_jmespath=(
        "powertools_json(body)"
        ".[kind, feedback_id, recommendation_id, event_id, code, event_version, question_id]"
    ),
    expires_after_seconds=7 * 24 * 3600,
)

_REGISTRANT_NOTICES = frozenset(
    {
        NotificationKind.REGISTERED,
        NotificationKind.PROMOTED,
        NotificationKind.REGISTRATION_CANCELLED,
        NotificationKind.SESSIONS_MOVED_NOTICE,
    }
)


def process_notifications(event: dict[str, Any], context: Any) -> dict[str, Any]:
    _ONCE_PER_NOTICE.register_lambda_context(context)
    try:
        return dict(
            process_partial_response(
                event=event, record_handler=deliver, processor=BatchProcessor(EventType.SQS), context=context
            )
        )
    finally:
        metrics.flush()


@once_per_key("notification", _ONCE_PER_NOTICE)
def deliver(record: SQSRecord) -> str | int:
    message: dict[str, str] = record.json_body
    sent = _send(message)
    if sent == Delivery.OVER_DAILY_LIMIT:
        metrics.add_metric(name="EmailsDroppedOverDailyLimit", unit=MetricUnit.Count, value=1)
    logger.info("notification", extra={**message, "sent": str(sent)})
    return sent if isinstance(sent, int) else sent.value


def _send(message: dict[str, str]) -> Delivery | int:
    try:
        kind = NotificationKind(message["kind"])
    except ValueError:
        return Delivery.NOTHING_TO_SEND
    deps = dependencies.current()
    if kind == NotificationKind.SESSIONS_MOVED:
        return announce_move(
            message["event_id"],
            message["event_version"],
            events=deps.events,
            program=deps.program,
            queues=deps.work_queues,
        )
    if kind in _REGISTRANT_NOTICES:
        return notify_registrant(
            kind,
            message["event_id"],
            message["code"],
            events=deps.events,
            mailer=deps.mailer,
            program=deps.program,
            allowance=deps.mail_allowance,
            event_version=message.get("event_version", ""),
        )
    if kind == NotificationKind.CERTIFICATE_ISSUED:
        return notify_certificate(
            message["event_id"],
            message["code"],
            program_id=deps.program.id,
            events=deps.events,
            records=deps.event_records,
            mailer=deps.mailer,
            allowance=deps.mail_allowance,
        )
    if kind == NotificationKind.QUESTION_ANSWERED:
        return notify_answer(
            message["question_id"],
            questions=deps.questions,
            events=deps.events,
            mailer=deps.mailer,
            allowance=deps.mail_allowance,
        )
    if kind == NotificationKind.FIRST_PUBLISHED:
        return announce_citations(
            message["recommendation_id"], citations=deps.recommendations, queues=deps.work_queues
        )
    if kind == NotificationKind.CITED:
        return notify_citation(
            message["recommendation_id"],
            message["feedback_id"],
            citations=deps.recommendations,
            repository=deps.feedback,
            mailer=deps.mailer,
            program=deps.program,
            allowance=deps.mail_allowance,
        )
    return notify(
        kind,
        message["feedback_id"],
        repository=deps.feedback,
        mailer=deps.mailer,
        program=deps.program,
        allowance=deps.mail_allowance,
    )
