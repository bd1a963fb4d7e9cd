"""A tamper-evident audit trail: each event carries the hash of the one before it.

An event's hash covers its own fields and the previous event's hash, so editing, removing, reordering or
inserting an event breaks the chain at that point. The subject keeps the hash and sequence of its last
event (its head), which also catches a trail cut short or extended at the end.
"""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ConfigDict, Field

from chalicelib.domain.model import Model

GENESIS_HASH = hashlib.sha256(b"public-review audit chain v1").hexdigest()
_UNSEALED = ""


class ChainedEvent(Model):
    """The base of every event kept in a chain. Fields left as None are not hashed, so a new optional
    field added later leaves the hashes of older events valid."""

    model_config = ConfigDict(frozen=True)

    sequence: int = Field(ge=1)
    previous_hash: str
    hash: str

    def hashed_fields(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"previous_hash", "hash"}, exclude_none=True)

    def computed_hash(self) -> str:
        return chain_hash(self.previous_hash, self.hashed_fields())


@dataclass(frozen=True)
class ChainHead:
    """Where a chain ends: the sequence and hash of its last event (0 and the genesis hash when empty)."""

    sequence: int
    hash: str


GENESIS = ChainHead(0, GENESIS_HASH)

E = TypeVar("E", bound=ChainedEvent)


class ChainReport(Model):
    model_config = ConfigDict(frozen=True)

    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str | None = None


def canonical_json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def chain_hash(previous_hash: str, event_fields: Mapping[str, Any]) -> str:
    payload = canonical_json({"previous_hash": previous_hash, "fields": event_fields})
    return hashlib.sha256(payload.encode()).hexdigest()


def head_of(last_event: ChainedEvent | None) -> ChainHead:
    return ChainHead(last_event.sequence, last_event.hash) if last_event else GENESIS


def seal(event_type: type[E], head: ChainHead, fields: Mapping[str, Any]) -> E:
    """The next event after `head`: numbered, linked to it, and hashed."""
    unsealed = event_type.model_validate(
        {**fields, "sequence": head.sequence + 1, "previous_hash": head.hash, "hash": _UNSEALED}
    )
    return unsealed.model_copy(update={"hash": unsealed.computed_hash()})


def verify_chain(events: Sequence[ChainedEvent], head: ChainHead | None = None) -> ChainReport:
    """Checks events in the order they were read. With the subject's `head`, also checks nothing is
    missing from, or was added to, the end."""
    previous = GENESIS
    for event in events:
        expected = previous.sequence + 1
        if event.sequence != expected:
            return _broken(expected, _out_of_place(event.sequence, expected))
        if event.previous_hash != previous.hash:
            return _broken(expected, f"event {expected} does not follow event {expected - 1}")
        if event.computed_hash() != event.hash:
            return _broken(expected, f"event {expected} was changed after it was written")
        previous = head_of(event)
    if head is not None and head != previous:
        return _head_mismatch(previous, head)
    return ChainReport(ok=True, checked=previous.sequence)


def _head_mismatch(last: ChainHead, head: ChainHead) -> ChainReport:
    if head.sequence > last.sequence:
        reason = f"the trail ends at event {last.sequence}; the subject's last event is {head.sequence}"
        return _broken(last.sequence + 1, reason)
    if head.sequence < last.sequence:
        reason = f"event {head.sequence + 1} was added after the subject's last event"
        return _broken(head.sequence + 1, reason)
    return _broken(last.sequence, f"event {last.sequence} is not the one the subject holds")


def _out_of_place(found: int, expected: int) -> str:
    return f"found event {found} where event {expected} belongs: an event is missing, repeated or moved"


def _broken(sequence: int, reason: str) -> ChainReport:
    return ChainReport(ok=False, checked=sequence - 1, first_broken_sequence=sequence, reason=reason)
