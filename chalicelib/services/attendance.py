"""Staff record who attended each session of an event, three ways; after each, the credits are computed
again by the event's rule and the certificates follow: one for each confirmed participant who earned
the credits, none for anyone else."""

from datetime import datetime
from typing import Protocol

from chalicelib.domain import credits
from chalicelib.domain.access import require_staff
from chalicelib.domain.attendance import (
    Presence,
    RecordedBy,
    Registrant,
    UnreadableReportError,
    match_report,
    present_throughout,
    read_report,
)
from chalicelib.domain.attendance_views import (
    AttendanceMarks,
    AttendanceResult,
    AttendanceRoster,
    AttendanceUpload,
    RosterRow,
    RowProblemView,
    SessionView,
)
from chalicelib.domain.certificates import Certificate, EarnedCredit, issued
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import FieldProblem, NotFoundError, ValidationFailedError
from chalicelib.domain.events import Event, EventSession, Registration
from chalicelib.domain.identity import Caller


class EventReader(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...

    def registrations(self, program_id: str, event_id: str) -> list[Registration]: ...


class EventRecords(Protocol):
    def record_presences(self, program_id: str, event_id: str, presences: list[Presence]) -> None: ...

    def presences(self, program_id: str, event_id: str) -> list[Presence]: ...

    def certificates(self, program_id: str, event_id: str) -> dict[str, Certificate]: ...

    def replace_certificates(
        self, program_id: str, event_id: str, before: dict[str, Certificate], after: dict[str, Certificate]
    ) -> None: ...


def record_by_codes(
    caller: Caller,
    event_id: str,
    session_id: str,
    marks: AttendanceMarks,
    *,
    program_id: str,
    events: EventReader,
    records: EventRecords,
    clock: Clock,
) -> AttendanceResult:
    require_staff(caller)
    event, session = _session_of(events, program_id, event_id, session_id)
    confirmed = confirmed_registrations(events, event)
    unknown = [
        FieldProblem(f"codes[{index}]", "is not the confirmation code of a confirmed registration")
        for index, code in enumerate(marks.codes)
        if code not in confirmed
    ]
    if unknown:
        raise ValidationFailedError("Some codes are not of anyone confirmed for this event.", unknown)
    now = clock()
    how = RecordedBy(marks.how)
    presences = [
        present_throughout(session, code, how, caller.display_name, now)
        for code in dict.fromkeys(marks.codes)
    ]
    records.record_presences(program_id, event_id, presences)
    issue_certificates(event, confirmed, records, now)
    return AttendanceResult(session_id=session_id, marked=len(presences), problems=[], unknown_emails=[])


def record_from_report(
    caller: Caller,
    event_id: str,
    session_id: str,
    upload: AttendanceUpload,
    *,
    program_id: str,
    events: EventReader,
    records: EventRecords,
    clock: Clock,
) -> AttendanceResult:
    require_staff(caller)
    event, session = _session_of(events, program_id, event_id, session_id)
    try:
        report = read_report(upload.csv)
    except UnreadableReportError as error:
        raise ValidationFailedError(
            "The attendance report cannot be read.", [FieldProblem("csv", str(error))]
        ) from None
    confirmed = confirmed_registrations(events, event)
    registrants = [Registrant(code, registration.email) for code, registration in confirmed.items()]
    now = clock()
    matched = match_report(report, session, registrants, caller.display_name, now)
    records.record_presences(program_id, event_id, matched.presences)
    issue_certificates(event, confirmed, records, now)
    return AttendanceResult(
        session_id=session_id,
        marked=len(matched.presences),
        problems=[RowProblemView(line=problem.line, problem=problem.problem) for problem in report.problems],
        unknown_emails=matched.unknown_emails,
    )


def attendance_roster(
    caller: Caller, event_id: str, *, program_id: str, events: EventReader, records: EventRecords
) -> AttendanceRoster:
    """Every confirmed participant's minutes at each session, whether they earned the credits, and why not."""
    require_staff(caller)
    event = existing_event(events, program_id, event_id)
    confirmed = confirmed_registrations(events, event)
    presences = records.presences(program_id, event_id)
    certificates = records.certificates(program_id, event_id)
    rows = []
    for outcome in credits.outcomes(event.credit_rule, list(event.sessions), list(confirmed), presences):
        registration = confirmed[outcome.registration_id]
        certificate = certificates.get(registration.code)
        rows.append(
            RosterRow(
                code=registration.code,
                name=registration.name,
                email=registration.email,
                minutes_by_session=minutes_by_session(event, registration.code, presences),
                attended_minutes=outcome.attended_minutes,
                share_percent=outcome.share_percent,
                earned=outcome.earned and bool(event.credits),
                reasons=list(outcome.reasons) if event.credits else ["The event offers no credits."],
                certificate_code=certificate.code if certificate else None,
            )
        )
    return AttendanceRoster(
        event_id=event_id,
        sessions=[
            SessionView(id=s.id, starts_at=s.starts_at, ends_at=s.ends_at, minutes=s.minutes)
            for s in event.sessions
        ],
        credit_rule=event.credit_rule.kind.value,
        rows=rows,
    )


def issue_certificates(
    event: Event, confirmed: dict[str, Registration], records: EventRecords, now: datetime
) -> dict[str, Certificate]:
    """Computes the credits again and stores the certificates that follow; each earner keeps their code."""
    presences = records.presences(event.program_id, event.id)
    outcomes = credits.outcomes(event.credit_rule, list(event.sessions), list(confirmed), presences)
    earners = {
        outcome.registration_id: confirmed[outcome.registration_id].name
        for outcome in outcomes
        if outcome.earned
    }
    before = records.certificates(event.program_id, event.id)
    after = issued(
        earners if event.credits else {},
        before,
        event_id=event.id,
        event_title=event.title,
        first_day=event.starts_at,
        last_day=event.ends_at,
        credits=offered_credits(event),
        now=now,
    )
    records.replace_certificates(event.program_id, event.id, before, after)
    return after


def offered_credits(event: Event) -> list[EarnedCredit]:
    return [EarnedCredit(kind=credit.kind.value, amount=f"{credit.amount:g}") for credit in event.credits]


def minutes_by_session(event: Event, code: str, presences: list[Presence]) -> dict[str, int]:
    minutes = {session.id: 0 for session in event.sessions}
    for presence in presences:
        if presence.registration_id == code and presence.session_id in minutes:
            minutes[presence.session_id] = presence.minutes
    return minutes


def existing_event(events: EventReader, program_id: str, event_id: str) -> Event:
    event = events.get(program_id, event_id)
    if event is None:
        raise NotFoundError("No event has this id.")
    return event


def confirmed_registrations(events: EventReader, event: Event) -> dict[str, Registration]:
    return {
        registration.code: registration
        for registration in events.registrations(event.program_id, event.id)
        if registration.is_confirmed
    }


def _session_of(
    events: EventReader, program_id: str, event_id: str, session_id: str
) -> tuple[Event, EventSession]:
    event = existing_event(events, program_id, event_id)
    session = event.session(session_id)
    if session is None:
        raise NotFoundError("This event has no session with this id.")
    return event, session
