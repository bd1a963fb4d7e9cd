"""Recordings of an event's sessions: staff post them; anyone lists those of a published event."""

from typing import Protocol

from chalicelib.domain.access import require_staff
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import NotFoundError
from chalicelib.domain.identity import Caller
from chalicelib.domain.ids import new_id
from chalicelib.domain.recordings import Recording, RecordingForm, RecordingList
from chalicelib.services.attendance import EventReader, existing_event


class RecordingStore(Protocol):
    def add_recording(self, program_id: str, recording: Recording) -> None: ...

    def recordings(self, program_id: str, event_id: str) -> list[Recording]: ...


def post_recording(
    caller: Caller,
    event_id: str,
    session_id: str,
    form: RecordingForm,
    *,
    program_id: str,
    events: EventReader,
    store: RecordingStore,
    clock: Clock,
) -> Recording:
    require_staff(caller)
    event = existing_event(events, program_id, event_id)
    if event.session(session_id) is None:
        raise NotFoundError("This event has no session with this id.")
    now = clock()
    recording = Recording(
        id=new_id(now),
        event_id=event_id,
        session_id=session_id,
        title=form.title,
        url=form.url,
        posted_at=now,
    )
    store.add_recording(program_id, recording)
    return recording


def recordings_of(
    event_id: str, *, program_id: str, events: EventReader, store: RecordingStore
) -> RecordingList:
    """The recordings of a published event, in the order of its sessions, then as they were posted."""
    event = events.get(program_id, event_id)
    if event is None or not event.is_published:
        raise NotFoundError("No event has this id.")
    order = {session.id: position for position, session in enumerate(event.sessions)}
    found = store.recordings(program_id, event_id)
    return RecordingList(
        items=sorted(found, key=lambda item: (order.get(item.session_id, len(order)), item.posted_at))
    )
