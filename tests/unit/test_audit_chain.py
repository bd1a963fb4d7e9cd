"""The audit trail is tamper-evident: any edit, removal, reordering or insertion breaks the chain."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from chalicelib.domain.audit_chain import (
    GENESIS,
    GENESIS_HASH,
    ChainedEvent,
    ChainHead,
    chain_hash,
    head_of,
    seal,
    verify_chain,
)

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


class Note(ChainedEvent):
    at: datetime
    actor: str
    text: str


class NoteWithTag(Note):
    tag: str | None = None


def chain(length: int = 5) -> list[Note]:
    events: list[Note] = []
    for index in range(length):
        fields = {"at": NOW + timedelta(minutes=index), "actor": "ana", "text": f"note {index + 1}"}
        events.append(seal(Note, head_of(events[-1] if events else None), fields))
    return events


def renumbered(events: list[Note]) -> list[Note]:
    """What a careful forger does after removing or adding events: renumber and relink them all."""
    forged: list[Note] = []
    for event in events:
        fields = event.model_dump(exclude={"sequence", "previous_hash", "hash"})
        forged.append(seal(Note, head_of(forged[-1] if forged else None), fields))
    return forged


def test_a_sealed_chain_starts_at_the_genesis_hash_and_verifies():
    events = chain()

    report = verify_chain(events, head_of(events[-1]))

    assert events[0].sequence == 1 and events[0].previous_hash == GENESIS_HASH
    assert [event.sequence for event in events] == [1, 2, 3, 4, 5]
    assert all(later.previous_hash == earlier.hash for earlier, later in pairwise(events))
    assert (
        report.ok and report.checked == 5 and report.first_broken_sequence is None and report.reason is None
    )


def test_the_hash_is_over_canonical_json_so_key_order_does_not_matter_but_the_previous_hash_does():
    one = chain_hash(GENESIS_HASH, {"a": 1, "b": "é"})

    assert one == chain_hash(GENESIS_HASH, {"b": "é", "a": 1})
    assert one != chain_hash("0" * 64, {"a": 1, "b": "é"})
    assert len(one) == 64 and int(one, 16) >= 0


def test_a_chain_read_back_from_json_still_verifies():
    stored = [event.model_dump_json() for event in chain()]

    read_back = [Note.model_validate_json(text) for text in stored]

    assert verify_chain(read_back).ok


def test_an_optional_field_added_later_and_left_empty_keeps_old_hashes_valid():
    old = chain(2)

    read_with_new_model = [NoteWithTag.model_validate(event.model_dump()) for event in old]

    assert verify_chain(read_with_new_model).ok


def test_an_edited_field_breaks_the_chain_at_that_event():
    events = chain()
    events[2] = events[2].model_copy(update={"text": "something else"})

    report = verify_chain(events)

    assert not report.ok and report.first_broken_sequence == 3 and report.checked == 2
    assert "changed" in (report.reason or "")


def test_an_edited_event_given_a_fresh_hash_breaks_the_link_to_the_next_event():
    events = chain()
    edited = events[2].model_copy(update={"text": "something else"})
    events[2] = edited.model_copy(update={"hash": edited.computed_hash()})

    report = verify_chain(events)

    assert report.first_broken_sequence == 4 and "does not follow" in (report.reason or "")


def test_a_removed_event_breaks_the_chain_where_it_was_even_when_the_rest_is_renumbered():
    events = chain()
    without_third = events[:2] + events[3:]

    assert verify_chain(without_third).first_broken_sequence == 3
    assert verify_chain(renumbered(without_third)).ok
    assert verify_chain(renumbered(without_third), head_of(events[-1])).first_broken_sequence == 5


def test_reordered_events_break_the_chain_whether_moved_or_renumbered():
    events = chain()
    moved = [events[0], events[2], events[1], *events[3:]]
    swapped_numbers = [
        events[0],
        events[2].model_copy(update={"sequence": 2}),
        events[1].model_copy(update={"sequence": 3}),
        *events[3:],
    ]

    assert verify_chain(moved).first_broken_sequence == 2
    assert verify_chain(swapped_numbers).first_broken_sequence == 2


def test_an_inserted_event_breaks_the_chain_even_when_it_is_linked_correctly():
    events = chain()
    forged = seal(Note, head_of(events[1]), {"at": NOW, "actor": "mallory", "text": "I approved this"})

    report = verify_chain([*events[:2], forged, *events[2:]])

    assert not report.ok and report.first_broken_sequence == 4


def test_the_subjects_head_catches_events_cut_from_or_added_to_the_end():
    events = chain()
    head = head_of(events[-1])
    appended = seal(Note, head, {"at": NOW, "actor": "mallory", "text": "one more"})
    rewritten_last = seal(Note, head_of(events[-2]), {"at": NOW, "actor": "mallory", "text": "instead"})

    cut = verify_chain(events[:3], head)
    added = verify_chain([*events, appended], head)
    replaced = verify_chain([*events[:-1], rewritten_last], head)

    assert (cut.first_broken_sequence, added.first_broken_sequence, replaced.first_broken_sequence) == (
        4,
        6,
        5,
    )
    assert verify_chain(events[:3]).ok


def test_an_empty_chain_is_whole_only_when_its_subject_expects_no_events():
    assert verify_chain([], GENESIS).ok
    assert verify_chain([]).checked == 0
    assert verify_chain([], ChainHead(2, "f" * 64)).first_broken_sequence == 1
