"""What staff send to record attendance and what they are shown of it: the roster with each person's
minutes per session, whether they earned the credits and, when not, why."""

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from chalicelib.domain.certificates import Certificate
from chalicelib.domain.events import CODE_PATTERN
from chalicelib.domain.model import Model


def _as_printed(value: str) -> str:
    printed = value.strip().upper()
    if not re.fullmatch(CODE_PATTERN, printed):
        raise ValueError("is not a confirmation code (four groups of four letters and digits)")
    return printed


# Typed in any case; checked as printed.
ConfirmationCode = Annotated[
    str,
    StringConstraints(max_length=40),
    AfterValidator(_as_printed),
    Field(json_schema_extra={"pattern": CODE_PATTERN}),
]
# The whole request must stay under the API's 64 KiB: a report of several hundred rows.
REPORT_MAX_CHARACTERS = 60_000


class AttendanceMarks(Model):
    """Who was present at a session, by their confirmation codes: given by each person at the door
    ("code"), or checked on the roster by staff ("roster")."""

    model_config = ConfigDict(extra="forbid", strict=True)

    how: Literal["code", "roster"]
    codes: list[ConfirmationCode] = Field(min_length=1, max_length=1000)


class AttendanceUpload(Model):
    """The meeting platform's attendance report for a session: CSV text with an email and a minutes column."""

    model_config = ConfigDict(extra="forbid", strict=True)

    csv: str = Field(min_length=1, max_length=REPORT_MAX_CHARACTERS)


class RowProblemView(Model):
    line: int = Field(description="The line of the file; the header is line 1.")
    problem: str


class AttendanceResult(Model):
    session_id: str
    marked: int = Field(description="How many people were marked present.")
    problems: list[RowProblemView] = Field(description="The rows of the report that were not used, and why.")
    unknown_emails: list[str] = Field(description="Emails in the report that no confirmed registrant has.")


class SessionView(Model):
    id: str
    starts_at: datetime
    ends_at: datetime
    minutes: int


class RosterRow(Model):
    code: str
    name: str
    email: str
    minutes_by_session: dict[str, int]
    attended_minutes: int
    share_percent: int
    earned: bool
    reasons: list[str] = Field(description="Why the credits were not earned; empty when they were.")
    certificate_code: str | None


class AttendanceRoster(Model):
    event_id: str
    sessions: list[SessionView]
    credit_rule: str
    rows: list[RosterRow]


class CertificateView(Model):
    """A certificate, or what the verification page says of a code."""

    valid: bool
    certificate: Certificate | None = None
