"""Staff create, edit and publish events; the public lists and reads the published ones, and takes their
calendar file. An event is a draft until published; a published event's sessions may move, and the
outbox tells its registrants."""

import secrets
from typing import Protocol

from chalicelib.domain.access import require_staff
from chalicelib.domain.calendar import calendar_file
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import (
    ConflictError,
    FieldProblem,
    NotFoundError,
    StaleVersionError,
    ValidationFailedError,
)
from chalicelib.domain.event_views import (
    EventEdit,
    EventList,
    Publication,
    PublicEventView,
    StaffEventList,
    StaffEventView,
    public_view,
    staff_view,
)
from chalicelib.domain.events import (
    Event,
    EventDetails,
    EventFullError,
    EventSession,
    EventStatus,
    Registration,
    Seats,
    SupportCategory,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.ids import new_id
from chalicelib.domain.program import Program
from chalicelib.domain.registration import promoted

PUBLIC_AUDIENCE = "public"


class EventReader(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...


class EventRepository(EventReader, Protocol):
    def create(self, event: Event) -> None: ...

    def save(self, event: Event, expected_version: int) -> None: ...

    def published(self, program_id: str) -> list[Event]: ...

    def every_event(self, program_id: str) -> list[Event]: ...

    def seats(self, program_id: str, event_id: str) -> Seats | None: ...

    def first_waitlisted(self, program_id: str, event_id: str) -> Registration | None: ...

    def promote(self, promoted: Registration) -> None: ...


def create_event(
    caller: Caller, details: EventDetails, *, program: Program, repository: EventRepository, clock: Clock
) -> StaffEventView:
    require_staff(caller)
    now = clock()
    event = Event.model_validate(
        {
            "id": new_id(now),
            "program_id": program.id,
            "status": EventStatus.DRAFT,
            **_written(details, previous=None),
            "created_at": now,
            "created_by": caller.display_name,
            "updated_at": now,
        }
    )
    repository.create(event)
    return staff_view(event, Seats(capacity=event.capacity), program.time_zone, now)


def edit_event(
    caller: Caller,
    event_id: str,
    edit: EventEdit,
    *,
    program: Program,
    repository: EventRepository,
    clock: Clock,
) -> StaffEventView:
    """Stores the edit made against `edit.version`; a session that keeps its id is the same session,
    moved. A raised capacity seats the first of the waitlist."""
    require_staff(caller)
    event = _existing(event_id, program, repository)
    if event.version != edit.version:
        raise ConflictError(
            "The event changed since it was read; read it again.",
            [FieldProblem("version", f"is {event.version} now")],
        )
    now = clock()
    details = EventDetails.model_validate(edit.model_dump(exclude={"version"}))
    edited = Event.model_validate(
        {
            **dict(event),
            **_written(details, previous=event),
            "updated_at": now,
            "version": event.version + 1,
        }
    )
    repository.save(edited, expected_version=event.version)
    seat_the_waitlist(edited, repository=repository, clock=clock)
    return staff_view(edited, repository.seats(program.id, event_id), program.time_zone, now)


def publish_event(
    caller: Caller,
    event_id: str,
    publication: Publication,
    *,
    program: Program,
    repository: EventRepository,
    clock: Clock,
) -> StaffEventView:
    require_staff(caller)
    event = _existing(event_id, program, repository)
    if event.is_published:
        raise ConflictError("The event is already published.")
    if event.version != publication.version:
        raise ConflictError(
            "The event changed since it was read; read it again.",
            [FieldProblem("version", f"is {event.version} now")],
        )
    now = clock()
    published = event.model_copy(
        update={
            "status": EventStatus.PUBLISHED,
            "published_at": now,
            "updated_at": now,
            "version": event.version + 1,
        }
    )
    repository.save(published, expected_version=event.version)
    return staff_view(published, repository.seats(program.id, event_id), program.time_zone, now)


def seat_the_waitlist(event: Event, *, repository: EventRepository, clock: Clock) -> int:
    """Gives the seats a raised capacity freed to the first of the waitlist, in order; how many."""
    seated = 0
    while True:
        first = repository.first_waitlisted(event.program_id, event.id)
        if first is None:
            return seated
        try:
            repository.promote(promoted(first, clock()))
        except EventFullError:
            return seated
        except StaleVersionError:
            continue
        seated += 1


def staff_event(
    caller: Caller, event_id: str, *, program: Program, repository: EventRepository, clock: Clock
) -> StaffEventView:
    require_staff(caller)
    event = _existing(event_id, program, repository)
    return staff_view(event, repository.seats(program.id, event_id), program.time_zone, clock())


def staff_events(
    caller: Caller, *, program: Program, repository: EventRepository, clock: Clock
) -> StaffEventList:
    require_staff(caller)
    now = clock()
    return StaffEventList(
        items=[
            staff_view(event, None, program.time_zone, now) for event in repository.every_event(program.id)
        ]
    )


def public_events(
    audience: str | None, *, program: Program, repository: EventRepository, clock: Clock
) -> EventList:
    """Published events, upcoming (soonest first) and past (latest first); `audience` keeps those open
    to the public ("public") or to schools of one support category."""
    wanted = _audience_filter(audience)
    now = clock()
    events = [event for event in repository.published(program.id) if _for_audience(event, wanted)]
    views = [public_view(event, None, program.time_zone, now) for event in events]
    upcoming = [view for view, event in zip(views, events, strict=True) if event.ends_at >= now]
    past = [view for view, event in zip(views, events, strict=True) if event.ends_at < now]
    return EventList(upcoming=upcoming, past=list(reversed(past)))


def public_event(
    event_id: str, *, program: Program, repository: EventRepository, clock: Clock
) -> PublicEventView:
    event = published_event(event_id, program=program, repository=repository)
    return public_view(event, repository.seats(program.id, event_id), program.time_zone, clock())


def event_calendar(
    event_id: str, host: str, *, program: Program, repository: EventRepository, clock: Clock
) -> str:
    event = published_event(event_id, program=program, repository=repository)
    return calendar_file(event, host, clock())


def published_event(event_id: str, *, program: Program, repository: EventReader) -> Event:
    """A published event; a draft is not found, for anyone but staff."""
    event = repository.get(program.id, event_id)
    if event is None or not event.is_published:
        raise NotFoundError("No such event.")
    return event


def _existing(event_id: str, program: Program, repository: EventRepository) -> Event:
    event = repository.get(program.id, event_id)
    if event is None:
        raise NotFoundError("No such event.")
    return event


def _written(details: EventDetails, previous: Event | None) -> dict[str, object]:
    known = {session.id for session in previous.sessions} if previous else set()
    sessions = tuple(
        EventSession(
            id=times.id if times.id is not None else secrets.token_hex(4),
            starts_at=times.starts_at,
            ends_at=times.ends_at,
        )
        for times in details.sessions
    )
    unknown = [times.id for times in details.sessions if times.id is not None and times.id not in known]
    if previous is not None and unknown:
        raise ValidationFailedError(
            "A session id names no session of this event.",
            [FieldProblem("sessions", f"no session has the id {unknown[0]}; leave it out for a new one")],
        )
    fields = details.model_dump(exclude={"sessions"})
    return {**fields, "sessions": sessions}


def _audience_filter(audience: str | None) -> str | None:
    if audience is None or audience == PUBLIC_AUDIENCE or audience in SupportCategory.__members__:
        return audience
    choices = ", ".join([PUBLIC_AUDIENCE, *SupportCategory])
    raise ValidationFailedError(
        "The audience filter is not one we know.", [FieldProblem("audience", f"must be one of {choices}")]
    )


def _for_audience(event: Event, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if wanted == PUBLIC_AUDIENCE:
        return event.audience.is_public
    return SupportCategory(wanted) in event.audience.support_categories
