"""An event, its seats counter, its registrations and their waitlist entries as table items, and back; an
event's index keys follow from its state (only a published event is in the public listing)."""

import hashlib
import json
from decimal import Decimal
from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.entities import Entity
from chalicelib.adapters.items import from_item, plain, to_item
from chalicelib.domain.events import Event, Registration, Seats


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def event_key(program_id: str, event_id: str, sort_key: str) -> dict[str, Any]:
    return {"PK": {"S": keys.program_event_pk(program_id, event_id)}, "SK": {"S": sort_key}}


def event_item(event: Event) -> dict[str, Any]:
    # DynamoDB takes a credit's amount (1.3 CEUs) as a Decimal, never a float.
    attributes = json.loads(event.model_dump_json(), parse_float=Decimal)
    in_order = keys.in_time_order(event.starts_at, event.id)
    attributes.update(
        PK=keys.program_event_pk(event.program_id, event.id),
        SK=keys.EVENT_ITEM_SK,
        entity=Entity.PROGRAM_EVENT,
        GSI2PK=keys.every_event(event.program_id),
        GSI2SK=in_order,
    )
    if event.is_published:
        attributes.update(GSI1PK=keys.published_events(event.program_id), GSI1SK=in_order)
    return to_item(attributes)


def event_from(item: dict[str, Any]) -> Event:
    return Event.model_validate(_known(item, Event), strict=False)


def seats_item(program_id: str, event_id: str, seats: Seats) -> dict[str, Any]:
    attributes = seats.model_dump(mode="json")
    attributes.update(
        PK=keys.program_event_pk(program_id, event_id),
        SK=keys.SEATS_SK,
        entity=Entity.EVENT_SEATS,
    )
    return to_item(attributes)


def seats_from(item: dict[str, Any]) -> Seats:
    return Seats.model_validate(_known(item, Seats), strict=False)


def registration_item(registration: Registration) -> dict[str, Any]:
    attributes = registration.model_dump(mode="json")
    attributes.update(
        PK=keys.program_event_pk(registration.program_id, registration.event_id),
        SK=keys.registration_sk(registration.code),
        entity=Entity.REGISTRATION,
    )
    return to_item(attributes)


def registration_from(item: dict[str, Any]) -> Registration:
    return Registration.model_validate(_known(item, Registration), strict=False)


def registered_email_item(registration: Registration) -> dict[str, Any]:
    """Holds an address's place at an event, so one address registers once."""
    return to_item(
        {
            "PK": keys.program_event_pk(registration.program_id, registration.event_id),
            "SK": keys.registered_email_sk(email_hash(registration.email)),
            "entity": Entity.REGISTERED_EMAIL,
            "code": registration.code,
            "held_at": keys.timestamp(registration.registered_at),
        }
    )


def waitlist_entry_item(registration: Registration) -> dict[str, Any]:
    assert registration.waitlist_position is not None, "only a waitlisted registration has a place in line"
    return to_item(
        {
            "PK": keys.program_event_pk(registration.program_id, registration.event_id),
            "SK": keys.waitlist_sk(registration.waitlist_position),
            "entity": Entity.WAITLIST_ENTRY,
            "code": registration.code,
            "position": registration.waitlist_position,
        }
    )


def _known(item: dict[str, Any], model: Any) -> dict[str, Any]:
    return {name: value for name, value in plain(from_item(item)).items() if name in model.model_fields}
