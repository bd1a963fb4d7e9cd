"""Events made straight in the table, as staff would have made them and people registered: the
attendance, credit, certificate, recording and question tests start from one."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chalicelib import dependencies
from chalicelib.domain.events import (
    Contact,
    Event,
    EventSession,
    EventStatus,
    Registration,
    RegistrationStatus,
    new_confirmation_code,
)
from chalicelib.domain.ids import new_id

FIRST_DAY = datetime(2027, 1, 25, 15, 0, tzinfo=UTC)
CONTACT_EMAIL = "member-academic-achievement@example.org"
# 100, 100 and 50 minutes: 250 in all, so 80% is 200 minutes.
SESSIONS = (
    EventSession(id="day-1", starts_at=FIRST_DAY, ends_at=FIRST_DAY + timedelta(minutes=100)),
    EventSession(
        id="day-2",
        starts_at=FIRST_DAY + timedelta(days=1),
        ends_at=FIRST_DAY + timedelta(days=1, minutes=100),
    ),
    EventSession(
        id="day-3", starts_at=FIRST_DAY + timedelta(days=2), ends_at=FIRST_DAY + timedelta(days=2, minutes=50)
    ),
)


@dataclass(frozen=True)
class HeldEvent:
    event: Event
    codes: dict[str, str]  # by the registrant's first name

    @property
    def id(self) -> str:
        return self.event.id


def held_event(
    *,
    names: tuple[str, ...] = ("Ana", "Bo", "Cy"),
    waitlisted: tuple[str, ...] = (),
    minimum_percent: int | None = None,
    status: EventStatus = EventStatus.PUBLISHED,
    with_credits: bool = True,
) -> HeldEvent:
    now = datetime.now(UTC)
    rule = {"kind": "minimum_share", "minimum_percent": minimum_percent} if minimum_percent else {}
    event = Event.model_validate(
        {
            "id": new_id(now),
            "program_id": dependencies.current().program.id,
            "status": status,
            "title": "School Improvement Virtual Convening",
            "description": "From Disruption to Opportunity.",
            "kind": "convening",
            "sessions": SESSIONS,
            "registration_opens_at": FIRST_DAY - timedelta(days=30),
            "registration_closes_at": FIRST_DAY - timedelta(days=5),
            "capacity": len(names),
            "credits": [{"kind": "CEU", "amount": 1.3}, {"kind": "SEMI", "amount": 10}]
            if with_credits
            else [],
            "credit_rule": rule,
            "contact": Contact(name="Noleen Clark", email=CONTACT_EMAIL),
            "meeting_link": "https://meet.example.org/convening",
            "created_at": now,
            "created_by": "staff@example.org",
            "updated_at": now,
        }
    )
    events = dependencies.current().events
    events.create(event)
    codes = {}
    for position, name in enumerate((*names, *waitlisted)):
        waiting = position >= len(names)
        registration = Registration(
            event_id=event.id,
            program_id=event.program_id,
            code=new_confirmation_code(),
            name=f"{name} Participant",
            email=f"{name.lower()}@school.example",
            status=RegistrationStatus.WAITLISTED if waiting else RegistrationStatus.CONFIRMED,
            waitlist_position=position - len(names) + 1 if waiting else None,
            registered_at=now + timedelta(seconds=position),
            updated_at=now,
        )
        events.hold_address(registration)
        if waiting:
            place = events.next_place_in_line(event.program_id, event.id)
            events.join_waitlist(registration.model_copy(update={"waitlist_position": place}))
        else:
            events.confirm(registration)
        codes[name] = registration.code
    return HeldEvent(event, codes)
