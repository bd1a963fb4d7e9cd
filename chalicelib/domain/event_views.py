"""What each reader sees of an event: the public never the meeting link nor who registered; a registrant
their own registration, and the link once confirmed; staff everything."""

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field

from chalicelib.domain.events import (
    Audience,
    Contact,
    Credit,
    CreditRule,
    Event,
    EventDetails,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Seats,
    SupportCategory,
)
from chalicelib.domain.model import Model


class WindowState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


class SessionView(Model):
    id: str
    starts_at: datetime = Field(description="UTC.")
    ends_at: datetime = Field(description="UTC.")
    local_starts_at: datetime = Field(description="In the agency's time zone, with its offset.")
    local_ends_at: datetime = Field(description="In the agency's time zone, with its offset.")


class PublicEventView(Model):
    id: str
    title: str
    description: str
    kind: EventKind
    audience: Audience
    time_zone: str
    sessions: list[SessionView]
    registration_opens_at: datetime
    registration_closes_at: datetime
    registration: WindowState
    full: bool = Field(description="Every seat is taken: a registration joins the waitlist.")
    credits: list[Credit]
    credit_rule: CreditRule
    contact: Contact
    calendar_url: str


class EventList(Model):
    upcoming: list[PublicEventView]
    past: list[PublicEventView]


class StaffEventView(PublicEventView):
    status: EventStatus
    version: int
    capacity: int
    confirmed: int
    waitlisted: int = Field(description="Places given on the waitlist so far.")
    meeting_link: str
    published_at: datetime | None


class StaffEventList(Model):
    items: list[StaffEventView]


class EventEdit(EventDetails):
    """An edit of an event, against the version it was read at."""

    version: int = Field(ge=1)


class Publication(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)


class RegistrantView(Model):
    """A registration as its holder sees it, with the confirmation code that reaches it."""

    event_id: str
    event_title: str
    code: str
    name: str
    status: RegistrationStatus
    waitlist_position: int | None
    meeting_link: str | None = Field(description="Only once the registration is confirmed.")
    sessions: list[SessionView]
    time_zone: str


class RosterEntry(Model):
    code: str
    name: str
    email: str
    role: str | None
    district: str | None
    school: str | None
    support_category: SupportCategory | None
    status: RegistrationStatus
    waitlist_position: int | None
    registered_at: datetime


class Roster(Model):
    event_id: str
    items: list[RosterEntry]


def window_state(event: Event, now: datetime) -> WindowState:
    if now < event.registration_opens_at:
        return WindowState.NOT_YET_OPEN
    if now < event.registration_closes_at:
        return WindowState.OPEN
    return WindowState.CLOSED


def session_views(event: Event, time_zone: str) -> list[SessionView]:
    zone = ZoneInfo(time_zone)
    return [
        SessionView(
            id=session.id,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            local_starts_at=session.starts_at.astimezone(zone),
            local_ends_at=session.ends_at.astimezone(zone),
        )
        for session in sorted(event.sessions, key=lambda session: session.starts_at)
    ]


def public_view(event: Event, seats: Seats | None, time_zone: str, now: datetime) -> PublicEventView:
    return PublicEventView(
        id=event.id,
        title=event.title,
        description=event.description,
        kind=event.kind,
        audience=event.audience,
        time_zone=time_zone,
        sessions=session_views(event, time_zone),
        registration_opens_at=event.registration_opens_at,
        registration_closes_at=event.registration_closes_at,
        registration=window_state(event, now),
        full=seats.full if seats else False,
        credits=list(event.credits),
        credit_rule=event.credit_rule,
        contact=event.contact,
        calendar_url=f"/events/{event.id}/calendar.ics",
    )


def staff_view(event: Event, seats: Seats | None, time_zone: str, now: datetime) -> StaffEventView:
    public = public_view(event, seats, time_zone, now)
    return StaffEventView(
        **dict(public),
        status=event.status,
        version=event.version,
        capacity=event.capacity,
        confirmed=seats.confirmed if seats else 0,
        waitlisted=seats.waitlist_last if seats else 0,
        meeting_link=event.meeting_link,
        published_at=event.published_at,
    )


def registrant_view(event: Event, registration: Registration, time_zone: str) -> RegistrantView:
    return RegistrantView(
        event_id=event.id,
        event_title=event.title,
        code=registration.code,
        name=registration.name,
        status=registration.status,
        waitlist_position=registration.waitlist_position
        if registration.status == RegistrationStatus.WAITLISTED
        else None,
        meeting_link=event.meeting_link if registration.is_confirmed else None,
        sessions=session_views(event, time_zone),
        time_zone=time_zone,
    )


def roster(event: Event, registrations: list[Registration]) -> Roster:
    ordered = sorted(registrations, key=lambda registration: (registration.registered_at, registration.code))
    return Roster(
        event_id=event.id,
        items=[
            RosterEntry(
                code=registration.code,
                name=registration.name,
                email=registration.email,
                role=registration.role,
                district=registration.district,
                school=registration.school,
                support_category=registration.support_category,
                status=registration.status,
                waitlist_position=registration.waitlist_position,
                registered_at=registration.registered_at,
            )
            for registration in ordered
        ],
    )
