"""Events and their registrations in DynamoDB, one partition per event. Seats are taken with conditional
writes only. An address is held first (put on the condition that no one holds it), so one address
registers once; confirming then adds to the event's `confirmed` counter on the condition
`confirmed < capacity`, in one transaction with the registration; or, the event full, an atomic add to
its `waitlist_last` on the same condition reversed gives the next place in line, which the registration
then takes. No event is ever over capacity, and no place in line is given twice or lost to a repeat."""

from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import condition_failed, speaks_domain_errors
from chalicelib.adapters.event_items import (
    email_hash,
    event_from,
    event_item,
    event_key,
    registered_email_item,
    registration_from,
    registration_item,
    seats_from,
    seats_item,
    waitlist_entry_item,
)
from chalicelib.adapters.transactions import Write, transact
from chalicelib.domain.events import (
    AlreadyRegisteredError,
    CapacityBelowConfirmedError,
    Event,
    EventChangedError,
    EventFullError,
    Registration,
    RegistrationChangedError,
    Seats,
    WaitlistMovedError,
)

# Longer than any request lives (API Gateway gives up after 29 seconds).
ABANDONED_AFTER = timedelta(minutes=5)
# A reserved word in DynamoDB's expressions.
_CAPACITY = {"#capacity": "capacity"}


@speaks_domain_errors
class DynamoEventRepository:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def create(self, event: Event) -> None:
        writes = [
            Write("event", self._put(event_item(event), "attribute_not_exists(PK)"), _event_changed),
            Write("seats", self._put(seats_item(event.program_id, event.id, Seats(capacity=event.capacity)))),
        ]
        transact(self._dynamodb, writes)

    def save(self, event: Event, expected_version: int) -> None:
        """Stores an edited event read at `expected_version`, and its capacity on its seats, which may
        not fall below the seats already taken."""
        stored = self._put(event_item(event), "version = :expected", {":expected": _number(expected_version)})
        capacity = {
            "Update": {
                "TableName": self._table,
                "Key": event_key(event.program_id, event.id, keys.SEATS_SK),
                "UpdateExpression": "SET #capacity = :capacity",
                "ConditionExpression": "confirmed <= :capacity",
                "ExpressionAttributeNames": _CAPACITY,
                "ExpressionAttributeValues": {":capacity": _number(event.capacity)},
            }
        }
        writes = [Write("event", stored, _event_changed), Write("seats", capacity, _capacity_below_confirmed)]
        transact(self._dynamodb, writes)

    def get(self, program_id: str, event_id: str) -> Event | None:
        item = self._get(event_key(program_id, event_id, keys.EVENT_ITEM_SK))
        return event_from(item) if item else None

    def published(self, program_id: str) -> list[Event]:
        """Every published event, soonest first."""
        return [event_from(item) for item in self._index("GSI1", keys.published_events(program_id))]

    def every_event(self, program_id: str) -> list[Event]:
        """Drafts and published events, soonest first (staff)."""
        return [event_from(item) for item in self._index("GSI2", keys.every_event(program_id))]

    def seats(self, program_id: str, event_id: str) -> Seats | None:
        item = self._get(event_key(program_id, event_id, keys.SEATS_SK))
        return seats_from(item) if item else None

    def confirm(self, registration: Registration) -> None:
        """Stores a confirmed registration, taking a seat; EventFullError when none is left."""
        take_seat = self._seats_update(
            registration,
            "SET confirmed = confirmed + :one",
            "confirmed < #capacity",
            {":one": _number(1)},
        )
        writes = [
            Write("seats", take_seat, _event_full),
            *self._new_registration(registration),
        ]
        transact(self._dynamodb, writes)

    def hold_address(self, registration: Registration) -> None:
        """Holds the registration's address at the event for its code; AlreadyRegisteredError when
        another registration holds it. Taken before a place in line, so no place is lost to a repeat."""
        held = self._put(registered_email_item(registration), "attribute_not_exists(SK)")
        try:
            transact(self._dynamodb, [Write("address", held, _already_registered)])
        except AlreadyRegisteredError:
            self._take_over_abandoned_hold(registration)

    def _take_over_abandoned_hold(self, registration: Registration) -> None:
        """A hold whose registration was never written (its request died between the two writes) is
        taken over once it is older than any request lives; one that has its registration never is."""
        sort_key = keys.registered_email_sk(email_hash(registration.email))
        found = self._get(event_key(registration.program_id, registration.event_id, sort_key))
        if found is None or "held_at" not in found:
            raise _already_registered()
        holder = found["code"]["S"]
        held_at = datetime.fromisoformat(found["held_at"]["S"])
        if registration.registered_at - held_at < ABANDONED_AFTER or self.registration(
            registration.program_id, registration.event_id, holder
        ):
            raise _already_registered()
        taken = self._put(registered_email_item(registration), "code = :holder", {":holder": {"S": holder}})
        transact(self._dynamodb, [Write("address", taken, _already_registered)])

    def release_address(self, registration: Registration) -> None:
        key = event_key(
            registration.program_id,
            registration.event_id,
            keys.registered_email_sk(email_hash(registration.email)),
        )
        self._dynamodb.delete_item(
            TableName=self._table,
            Key=key,
            ConditionExpression="code = :code",
            ExpressionAttributeValues={":code": {"S": registration.code}},
        )

    def next_place_in_line(self, program_id: str, event_id: str) -> int:
        """The next waitlist position, taken at once (an atomic add) on the condition that the event is
        full; WaitlistMovedError when a seat came free."""
        try:
            response = self._dynamodb.update_item(
                TableName=self._table,
                Key=event_key(program_id, event_id, keys.SEATS_SK),
                UpdateExpression="SET waitlist_last = waitlist_last + :one",
                ConditionExpression="confirmed >= #capacity",
                ExpressionAttributeNames=_CAPACITY,
                ExpressionAttributeValues={":one": _number(1)},
                ReturnValues="UPDATED_NEW",
            )
        except ClientError as error:
            if condition_failed(error):
                raise WaitlistMovedError("A seat came free.") from error
            raise
        return int(response["Attributes"]["waitlist_last"]["N"])

    def join_waitlist(self, registration: Registration) -> None:
        """Stores a waitlisted registration at the place in line it was given, its address held."""
        writes = [
            *self._new_registration(registration),
            Write("waitlist", self._put(waitlist_entry_item(registration), "attribute_not_exists(SK)")),
        ]
        transact(self._dynamodb, writes)

    def registration(self, program_id: str, event_id: str, code: str) -> Registration | None:
        item = self._get(event_key(program_id, event_id, keys.registration_sk(code)))
        return registration_from(item) if item else None

    def registrations(self, program_id: str, event_id: str) -> list[Registration]:
        """Everyone who registered, in any state (staff: the roster)."""
        items = self._partition(program_id, event_id, keys.REGISTRATION_PREFIX, limit=None)
        return [registration_from(item) for item in items]

    def first_waitlisted(self, program_id: str, event_id: str) -> Registration | None:
        entries = self._partition(program_id, event_id, keys.WAITLIST_PREFIX, limit=1)
        if not entries:
            return None
        return self.registration(program_id, event_id, entries[0]["code"]["S"])

    def cancel(
        self, cancelled: Registration, was: Registration, promoted: Registration | None = None
    ) -> None:
        """Stores a cancellation of `was`, and frees its address. A confirmed seat goes to `promoted`
        (the first of the waitlist, read before) in the same transaction, or back to the event."""
        writes = [
            Write("cancelled", self._replace(cancelled, was.version), _registration_changed),
            Write("address", self._delete(cancelled, keys.registered_email_sk(email_hash(was.email)))),
        ]
        if was.waitlist_position is not None and not was.is_confirmed:
            writes.append(Write("line", self._delete(cancelled, keys.waitlist_sk(was.waitlist_position))))
        if was.is_confirmed and promoted is not None:
            writes.extend(self._promotion_writes(promoted))
        elif was.is_confirmed:
            free_seat = self._seats_update(
                cancelled,
                "SET confirmed = confirmed - :one",
                "confirmed > :zero",
                {":one": _number(1), ":zero": _number(0)},
            )
            writes.append(Write("seats", free_seat, _registration_changed))
        transact(self._dynamodb, writes)

    def promote(self, promoted: Registration) -> None:
        """Gives a free seat (capacity raised) to the first of the waitlist; EventFullError when none is."""
        take_seat = self._seats_update(
            promoted, "SET confirmed = confirmed + :one", "confirmed < #capacity", {":one": _number(1)}
        )
        transact(self._dynamodb, [Write("seats", take_seat, _event_full), *self._promotion_writes(promoted)])

    def _promotion_writes(self, promoted: Registration) -> list[Write]:
        previous = promoted.version - 1
        position = promoted.waitlist_position
        assert position is not None
        leave_line = {
            "Delete": {
                "TableName": self._table,
                "Key": event_key(promoted.program_id, promoted.event_id, keys.waitlist_sk(position)),
                "ConditionExpression": "attribute_exists(SK)",
            }
        }
        return [
            Write("promoted", self._replace(promoted, previous), _registration_changed),
            Write("left line", leave_line, _registration_changed),
        ]

    def _new_registration(self, registration: Registration) -> list[Write]:
        """The registration, and its address, held for its code by `hold_address`."""
        address = self._put(
            registered_email_item(registration), "code = :code", {":code": {"S": registration.code}}
        )
        return [
            Write("registration", self._put(registration_item(registration), "attribute_not_exists(SK)")),
            Write("address", address, _already_registered),
        ]

    def _replace(self, registration: Registration, expected_version: int) -> dict[str, Any]:
        return self._put(
            registration_item(registration), "version = :expected", {":expected": _number(expected_version)}
        )

    def _seats_update(
        self, registration: Registration, update: str, condition: str, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self._table,
                "Key": event_key(registration.program_id, registration.event_id, keys.SEATS_SK),
                "UpdateExpression": update,
                "ConditionExpression": condition,
                "ExpressionAttributeValues": values,
                **({"ExpressionAttributeNames": _CAPACITY} if "#capacity" in condition else {}),
            }
        }

    def _delete(self, registration: Registration, sort_key: str) -> dict[str, Any]:
        key = event_key(registration.program_id, registration.event_id, sort_key)
        return {"Delete": {"TableName": self._table, "Key": key}}

    def _put(
        self, item: dict[str, Any], condition: str | None = None, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        put: dict[str, Any] = {"TableName": self._table, "Item": item}
        if condition:
            put["ConditionExpression"] = condition
        if values:
            put["ExpressionAttributeValues"] = values
        return {"Put": put}

    def _get(self, key: dict[str, Any]) -> dict[str, Any] | None:
        response = self._dynamodb.get_item(TableName=self._table, Key=key, ConsistentRead=True)
        item: dict[str, Any] | None = response.get("Item")
        return item

    def _index(self, index: str, partition: str) -> list[dict[str, Any]]:
        pages = self._dynamodb.get_paginator("query").paginate(
            TableName=self._table,
            IndexName=index,
            KeyConditionExpression=f"{index}PK = :pk",
            ExpressionAttributeValues={":pk": {"S": partition}},
        )
        return [item for page in pages for item in page["Items"]]

    def _partition(
        self, program_id: str, event_id: str, prefix: str, limit: int | None
    ) -> list[dict[str, Any]]:
        request: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "PK = :pk AND begins_with(SK, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": {"S": keys.program_event_pk(program_id, event_id)},
                ":prefix": {"S": prefix},
            },
            "ConsistentRead": True,
        }
        if limit is not None:
            response = self._dynamodb.query(**request, Limit=limit)
            return list(response["Items"])
        pages = self._dynamodb.get_paginator("query").paginate(**request)
        return [item for page in pages for item in page["Items"]]


def _number(value: int) -> dict[str, str]:
    return {"N": str(value)}


def _event_changed() -> EventChangedError:
    return EventChangedError("The event changed since it was read; read it again.")


def _capacity_below_confirmed() -> CapacityBelowConfirmedError:
    return CapacityBelowConfirmedError("The capacity cannot fall below the seats already confirmed.")


def _event_full() -> EventFullError:
    return EventFullError("Every seat is taken.")


def _waitlist_moved() -> WaitlistMovedError:
    return WaitlistMovedError("The waitlist moved since it was read.")


def _already_registered() -> AlreadyRegisteredError:
    return AlreadyRegisteredError("This email address is already registered for this event.")


def _registration_changed() -> RegistrationChangedError:
    return RegistrationChangedError("The registration changed since it was read; read it again.")
