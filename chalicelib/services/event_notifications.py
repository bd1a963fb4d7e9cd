"""Emails to registrants: their registration (with the meeting link once they have a seat, or their
place in line), a seat that came to them, their cancellation, and a published event's sessions moved.
Each is sent once per registration and event version, however often its message is delivered."""

from typing import Protocol

from chalicelib.domain.event_views import session_views
from chalicelib.domain.events import Event, Registration, RegistrationStatus
from chalicelib.domain.program import Program
from chalicelib.domain.registration import local_time_text
from chalicelib.domain.work import NotificationKind, WorkMessage
from chalicelib.services.notifications import Delivery, Email, MailAllowance, Mailer, WorkQueues


class RegistrationReader(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...

    def registration(self, program_id: str, event_id: str, code: str) -> Registration | None: ...

    def registrations(self, program_id: str, event_id: str) -> list[Registration]: ...


def notify_registrant(
    kind: NotificationKind,
    event_id: str,
    code: str,
    *,
    events: RegistrationReader,
    mailer: Mailer,
    program: Program,
    allowance: MailAllowance,
    event_version: str = "",
) -> Delivery:
    event = events.get(program.id, event_id)
    registration = events.registration(program.id, event_id, code) if event else None
    if event is None or registration is None:
        return Delivery.NOTHING_TO_SEND
    email = compose(kind, event, registration, program)
    if email is None:
        return Delivery.NOTHING_TO_SEND
    message = f"{kind}#{event_id}#{code}#{event_version}"
    if not allowance.permits(registration.email, message):
        return Delivery.OVER_DAILY_LIMIT
    mailer.send(registration.email, email.subject, email.text)
    return Delivery.SENT


def announce_move(
    event_id: str, event_version: str, *, events: RegistrationReader, program: Program, queues: WorkQueues
) -> int:
    """One notice per registrant who has not cancelled, when a published event's sessions moved."""
    told = [
        registration
        for registration in events.registrations(program.id, event_id)
        if registration.status != RegistrationStatus.CANCELLED
    ]
    for registration in told:
        body = {
            "kind": NotificationKind.SESSIONS_MOVED_NOTICE,
            "event_id": event_id,
            "code": registration.code,
            "event_version": event_version,
        }
        queues.send(WorkMessage("notifications", body))
    return len(told)


def compose(
    kind: NotificationKind, event: Event, registration: Registration, program: Program
) -> Email | None:
    where = _where(event, registration, program)
    if kind == NotificationKind.REGISTERED and registration.is_confirmed:
        return Email(
            f"You are registered: {event.title}", f"You are registered for {event.title}.\n\n{where}"
        )
    if kind == NotificationKind.REGISTERED and registration.status == RegistrationStatus.WAITLISTED:
        text = (
            f"{event.title} is full, so you are on its waitlist, at place {registration.waitlist_position}. "
            f"If a seat comes free, it goes to the first in line, and we will email you.\n\n{where}"
        )
        return Email(f"You are on the waitlist: {event.title}", text)
    if kind == NotificationKind.PROMOTED and registration.is_confirmed:
        return Email(
            f"A seat came free: you are registered for {event.title}",
            f"A seat came free and it is yours: you are registered for {event.title}.\n\n{where}",
        )
    if (
        kind == NotificationKind.REGISTRATION_CANCELLED
        and registration.status == RegistrationStatus.CANCELLED
    ):
        return Email(
            f"Your registration is cancelled: {event.title}",
            f"Your registration for {event.title} is cancelled.\nConfirmation code: {registration.code}\n",
        )
    if kind == NotificationKind.SESSIONS_MOVED_NOTICE and registration.status != RegistrationStatus.CANCELLED:
        return Email(
            f"New times: {event.title}",
            f"The sessions of {event.title} have new times. Here they are now.\n\n{where}",
        )
    return None


def _where(event: Event, registration: Registration, program: Program) -> str:
    sessions = "\n".join(
        f"- {local_time_text(view.starts_at, program.time_zone)} to {view.local_ends_at:%I:%M %p %Z}".replace(
            " to 0", " to "
        )
        for view in session_views(event, program.time_zone)
    )
    lines = [f"Sessions ({program.time_zone}):\n{sessions}", f"Confirmation code: {registration.code}"]
    if registration.is_confirmed:
        lines.append(f"Meeting link: {event.meeting_link}")
    lines.append(
        f"Questions: {event.contact.name} <{event.contact.email}>\n"
        f"Your registration: /events/{event.id}/registrations/{registration.code}\n\n"
        f"{program.agency}, {program.name}"
    )
    return "\n".join(lines) + "\n"
