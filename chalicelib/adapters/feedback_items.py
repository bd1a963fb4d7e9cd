"""A feedback item and its audit events as table items; its index keys follow from its state, so every
write of the item puts it in exactly the queues, inbox and public pages its state calls for."""

from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.items import from_item, plain, to_item
from chalicelib.adapters.stored_claims import with_claim
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus


def index_keys(feedback: Feedback) -> dict[str, str]:
    program, team = feedback.program_id, feedback.team
    found: dict[str, str] = {}
    # Every screened item enters these listings, so a campaign's copies are spread over their shards.
    shard = keys.listing_shard_of(feedback.id)
    # Inbox and queue run in the order people wrote, not the order screening (many at once) finished.
    as_written = keys.in_time_order(feedback.submitted_at, feedback.id)
    if feedback.routed_at is not None:
        found["GSI1PK"] = keys.listing_shard(keys.team_inbox(program, team), shard)
        found["GSI1SK"] = as_written
    elif feedback.screening is not None:
        # Kept out of every inbox (spam), yet still counted: every screened item is in exactly one listing.
        found["GSI1PK"] = keys.listing_shard(keys.screened_out(program), shard)
        found["GSI1SK"] = keys.in_time_order(feedback.screening.screened_at, feedback.id)
    if feedback.in_moderation_queue and feedback.queued_at is not None:
        found.update(GSI2PK=keys.listing_shard(keys.moderation_queue(program), shard), GSI2SK=as_written)
        found.update(
            GSI3PK=keys.listing_shard(keys.moderation_queue(program, team), shard), GSI3SK=as_written
        )
    elif feedback.status == FeedbackStatus.PUBLISHED and feedback.listed_publicly and feedback.published_at:
        found["GSI3PK"] = keys.public_feedback(program, team)
        found["GSI3SK"] = keys.in_time_order(feedback.published_at, feedback.id)
    return found


def feedback_item(feedback: Feedback) -> dict[str, Any]:
    attributes = feedback.model_dump(mode="json")
    attributes.update(
        PK=keys.feedback_pk(feedback.id),
        SK=keys.FEEDBACK_SK,
        entity=Entity.FEEDBACK,
        claim_until_epoch=int(feedback.claim.until.timestamp()) if feedback.claim else None,
        **index_keys(feedback),
    )
    return to_item(attributes)


def feedback_from(item: dict[str, Any]) -> Feedback:
    return feedback_from_attributes(from_item(item))


def feedback_from_attributes(attributes: dict[str, Any]) -> Feedback:
    known = {name: value for name, value in with_claim(attributes).items() if name in Feedback.model_fields}
    return Feedback.model_validate(plain(known), strict=False)


def event_item(event: AuditEvent) -> dict[str, Any]:
    attributes = event.model_dump(mode="json")
    attributes.update(PK=keys.feedback_pk(event.subject_id), SK=keys.event_sk(event.at), entity=Entity.EVENT)
    return to_item(attributes)


def event_from(item: dict[str, Any]) -> AuditEvent:
    attributes = from_item(item)
    return AuditEvent.model_validate(
        {name: value for name, value in attributes.items() if name in AuditEvent.model_fields}
    )
