"""Who was present at each session of an event, and for how many minutes.

Staff record it three ways: a participant's confirmation code, a name checked on the roster (both mean
present for the whole session), or the meeting platform's attendance report, a CSV of email and minutes
present, which is read here row by row so that every row it cannot use is named with its reason."""

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache

from pydantic import TypeAdapter, ValidationError

from chalicelib.domain.events import EventSession
from chalicelib.domain.model import Model
from chalicelib.domain.text import Email

REPORT_MAX_ROWS = 5000
MINUTES_MAX = 24 * 60
# Platforms name the two columns in their own words; any of these (in any case) is understood.
EMAIL_HEADERS = frozenset({"email", "e-mail", "email address", "user email", "attendee email"})
MINUTES_HEADERS = frozenset(
    {
        "minutes",
        "minutes present",
        "duration",
        "duration (minutes)",
        "total duration (minutes)",
        "time in session (minutes)",
    }
)


class RecordedBy(StrEnum):
    CODE = "code"
    ROSTER = "roster"
    REPORT = "report"


class Presence(Model):
    """One participant's presence at one session."""

    session_id: str
    registration_id: str
    minutes: int
    recorded_by: RecordedBy
    recorded_at: datetime
    recorded_by_person: str


def present_throughout(
    session: EventSession, registration_id: str, how: RecordedBy, who: str, now: datetime
) -> Presence:
    """A presence for the whole session, as a confirmation code or a roster check records it."""
    return Presence(
        session_id=session.id,
        registration_id=registration_id,
        minutes=session.minutes,
        recorded_by=how,
        recorded_at=now,
        recorded_by_person=who,
    )


@dataclass(frozen=True)
class ReportRow:
    email: str
    minutes: int


@dataclass(frozen=True)
class RowProblem:
    """Why row `line` of the report (its line in the file, the header being line 1) was not used."""

    line: int
    problem: str


@dataclass(frozen=True)
class AttendanceReport:
    rows: list[ReportRow]
    problems: list[RowProblem] = field(default_factory=list)


class UnreadableReportError(ValueError):
    """The file as a whole cannot be read as an attendance report (no header we know, too many rows)."""


def read_report(text: str) -> AttendanceReport:
    """The rows of a platform's attendance report; a person who left and rejoined appears on several rows,
    and their minutes are added up."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise UnreadableReportError("The file is empty.")
    email_at, minutes_at = _columns(header)
    minutes_by_email: dict[str, int] = {}
    spelled: dict[str, str] = {}
    problems: list[RowProblem] = []
    for line, cells in enumerate(reader, start=2):
        if line - 1 > REPORT_MAX_ROWS:
            raise UnreadableReportError(f"The file has more than {REPORT_MAX_ROWS} rows.")
        if not any(cell.strip() for cell in cells):
            continue
        read = _row(cells, email_at, minutes_at)
        if isinstance(read, str):
            problems.append(RowProblem(line, read))
            continue
        key = read.email.casefold()
        spelled.setdefault(key, read.email)
        minutes_by_email[key] = minutes_by_email.get(key, 0) + read.minutes
    rows = [ReportRow(spelled[key], minutes) for key, minutes in minutes_by_email.items()]
    return AttendanceReport(rows=rows, problems=problems)


@dataclass(frozen=True)
class Registrant:
    """Who may be marked present: a confirmed registration and its email."""

    registration_id: str
    email: str


@dataclass(frozen=True)
class ReportMatch:
    presences: list[Presence]
    unknown_emails: list[str]


def match_report(
    report: AttendanceReport, session: EventSession, registrants: list[Registrant], who: str, now: datetime
) -> ReportMatch:
    """The presences the report gives registrants at `session` (never more minutes than the session lasts),
    and the emails in it that no registrant has."""
    by_email = {registrant.email.casefold(): registrant for registrant in registrants}
    presences, unknown = [], []
    for row in report.rows:
        registrant = by_email.get(row.email.casefold())
        if registrant is None:
            unknown.append(row.email)
            continue
        presences.append(
            Presence(
                session_id=session.id,
                registration_id=registrant.registration_id,
                minutes=min(row.minutes, session.minutes),
                recorded_by=RecordedBy.REPORT,
                recorded_at=now,
                recorded_by_person=who,
            )
        )
    return ReportMatch(presences=presences, unknown_emails=unknown)


def _columns(header: list[str]) -> tuple[int, int]:
    names = [cell.strip().casefold() for cell in header]
    email_at = next((index for index, name in enumerate(names) if name in EMAIL_HEADERS), None)
    minutes_at = next((index for index, name in enumerate(names) if name in MINUTES_HEADERS), None)
    if email_at is None or minutes_at is None:
        missing = " and ".join(
            name for name, at in (("an email", email_at), ("a minutes", minutes_at)) if at is None
        )
        raise UnreadableReportError(f"The first row must name the columns; it has no {missing} column.")
    return email_at, minutes_at


def _row(cells: list[str], email_at: int, minutes_at: int) -> ReportRow | str:
    if len(cells) <= max(email_at, minutes_at):
        return "the row has fewer columns than the header"
    email, minutes = cells[email_at].strip(), cells[minutes_at].strip()
    if not email:
        return "the email is empty"
    try:
        checked = _emails().validate_python(email)
    except ValidationError:
        return f"{email!r} is not a valid email address"
    try:
        count = float(minutes)
    except ValueError:
        return f"the minutes {minutes!r} are not a number"
    if not math.isfinite(count) or not 0 <= count <= MINUTES_MAX:
        return f"the minutes {minutes!r} are not a number of minutes present"
    return ReportRow(checked, round(count))


@cache
def _emails() -> TypeAdapter[str]:
    return TypeAdapter(Email)
