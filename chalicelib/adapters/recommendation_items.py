"""A recommendation, its immutable revisions, its chained audit events, its public listings and its links
to feedback as table items, and back; its index keys follow from its state."""

from datetime import datetime
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.items import from_item, plain, to_item
from chalicelib.adapters.stored_claims import with_claim
from chalicelib.domain.recommendation_records import (
    FeedbackLink,
    ListedRecommendation,
    Listing,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Revision,
)


def index_keys(recommendation: Recommendation) -> dict[str, str]:
    program, team = recommendation.program_id, recommendation.team
    found = {
        "GSI1PK": keys.team_recommendations(program, team),
        "GSI1SK": keys.in_time_order(recommendation.updated_at, recommendation.id),
    }
    if recommendation.status == RecommendationStatus.SUBMITTED and recommendation.submitted_at:
        in_order = keys.in_time_order(recommendation.submitted_at, recommendation.id)
        found.update(GSI2PK=keys.approval_queue(program), GSI2SK=in_order)
        found.update(GSI3PK=keys.approval_queue(program, team), GSI3SK=in_order)
    return found


def listing_item(recommendation: Recommendation, listing: Listing) -> dict[str, Any]:
    listed = recommendation.as_listed()
    assert listed is not None, "only a published recommendation is listed"
    attributes = listed.model_dump(mode="json")
    attributes.update(
        PK=keys.recommendation_pk(recommendation.id),
        SK=keys.listing_sk(listing.team, listing.policy_goal),
        entity=Entity.RECOMMENDATION_LISTING,
        GSI3PK=keys.public_recommendations(recommendation.program_id, listing.team, listing.policy_goal),
        GSI3SK=keys.in_time_order(listed.publication.approved_at, recommendation.id),
    )
    return to_item(attributes)


def listed_from(item: dict[str, Any]) -> ListedRecommendation:
    return ListedRecommendation.model_validate(_fields(item, ListedRecommendation), strict=False)


def link_item(link: FeedbackLink) -> dict[str, Any]:
    return to_item(
        {
            "PK": keys.recommendation_pk(link.recommendation_id),
            "SK": keys.link_sk(link.feedback_id),
            "entity": Entity.RECOMMENDATION_LINK,
            "recommendation_id": link.recommendation_id,
            "feedback_id": link.feedback_id,
            "linked_by": link.linked_by,
            "linked_at": keys.timestamp(link.linked_at),
            "while_published": link.while_published,
            "GSI1PK": keys.cited_by(link.feedback_id),
            "GSI1SK": link.recommendation_id,
        }
    )


def link_from(item: dict[str, Any]) -> FeedbackLink:
    attributes = from_item(item)
    return FeedbackLink(
        recommendation_id=str(attributes["recommendation_id"]),
        feedback_id=str(attributes["feedback_id"]),
        linked_by=str(attributes["linked_by"]),
        linked_at=datetime.fromisoformat(str(attributes["linked_at"])),
        while_published=bool(attributes.get("while_published", False)),
    )


def recommendation_item(recommendation: Recommendation) -> dict[str, Any]:
    attributes = recommendation.model_dump(mode="json")
    attributes.update(
        PK=keys.recommendation_pk(recommendation.id),
        SK=keys.REC_SK,
        entity=Entity.RECOMMENDATION,
        **index_keys(recommendation),
    )
    return to_item(attributes)


def revision_item(revision: Revision) -> dict[str, Any]:
    attributes = revision.model_dump(mode="json")
    attributes.update(
        PK=keys.recommendation_pk(revision.recommendation_id),
        SK=keys.revision_sk(revision.number),
        entity=Entity.REVISION,
    )
    return to_item(attributes)


def event_item(event: RecommendationEvent) -> dict[str, Any]:
    attributes = event.model_dump(mode="json")
    attributes.update(
        PK=keys.recommendation_pk(event.subject_id),
        SK=keys.recommendation_event_sk(event.sequence),
        entity=Entity.RECOMMENDATION_EVENT,
    )
    return to_item(attributes)


def recommendation_from(item: dict[str, Any]) -> Recommendation:
    attributes = with_claim(plain(from_item(item)))
    return Recommendation.model_validate(_known(attributes, Recommendation), strict=False)


def revision_from(item: dict[str, Any]) -> Revision:
    return Revision.model_validate(_fields(item, Revision), strict=False)


def event_from(item: dict[str, Any]) -> RecommendationEvent:
    return RecommendationEvent.model_validate(_fields(item, RecommendationEvent), strict=False)


def _fields(item: dict[str, Any], model: Any) -> dict[str, Any]:
    return _known(plain(from_item(item)), model)


def _known(attributes: dict[str, Any], model: Any) -> dict[str, Any]:
    return {name: value for name, value in attributes.items() if name in model.model_fields}
