"""What each item of the single table holds, named in its `entity` attribute: every name in one place."""

from enum import StrEnum
from typing import Any


class Entity(StrEnum):
    FEEDBACK = "feedback"
    EVENT = "event"
    SIMILARITY = "similarity"
    CLUSTER = "cluster"
    CLUSTER_MEMBER = "cluster_member"
    CLUSTER_COUNT = "cluster_count"
    DOOR_COUNT = "door_count"
    IDEMPOTENCY = "idempotency"
    SOURCE_MARK = "source_mark"
    MAIL_COUNT = "mail_count"
    RECOMMENDATION = "recommendation"
    REVISION = "revision"
    RECOMMENDATION_EVENT = "recommendation_event"
    RECOMMENDATION_LISTING = "recommendation_listing"
    RECOMMENDATION_LINK = "recommendation_link"
    SESSION = "session"
    PROGRAM_EVENT = "program_event"
    EVENT_SEATS = "event_seats"
    REGISTRATION = "registration"
    REGISTERED_EMAIL = "registered_email"
    WAITLIST_ENTRY = "waitlist_entry"
    EVENT_QUESTION = "event_question"
    PRESENCE = "presence"
    CERTIFICATE = "certificate"
    RECORDING = "recording"


def entity_of(item: dict[str, Any]) -> str | None:
    """The entity an item in DynamoDB's attribute-value form names; None for items that name none, such
    as the workers' idempotency records."""
    named = item.get("entity")
    return str(named["S"]) if isinstance(named, dict) and "S" in named else None
