"""Meetings and convenings: an event, its sessions and credits, and the people registered for it. Times
are stored in UTC and shown in the agency's zone (the program's `time_zone`). How registration, capacity
and the waitlist behave is in chalicelib.domain.registration."""

import secrets
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, model_validator

from chalicelib.domain.errors import ConflictError, StaleVersionError
from chalicelib.domain.model import Model
from chalicelib.domain.text import Body, Email, Name, Title

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$"
SESSION_ID_PATTERN = r"^[a-z0-9-]{1,40}$"


class EventKind(StrEnum):
    CONVENING = "convening"
    TEAM_MEETING = "team_meeting"
    WEBINAR = "webinar"


class EventStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class SupportCategory(StrEnum):
    """The federal support categories a school may be identified for."""

    CSI = "CSI"
    TSI = "TSI"
    ATSI = "ATSI"
    SAR = "SAR"


class CreditKind(StrEnum):
    CEU = "CEU"
    SEMI = "SEMI"
    OSL = "OSL"


class CreditRuleKind(StrEnum):
    EVERY_SESSION = "every_session"
    MINIMUM_SHARE = "minimum_share"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


def _in_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must carry its UTC offset")
    return value.astimezone(UTC)


UtcTime = Annotated[datetime, AfterValidator(_in_utc)]
HttpsLink = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^https://[^\s<>\"]+$", max_length=2000)
]
# Printable, trimmed, at most 200 characters, and never only invisible: the rules of a name.
ShortText = Name


class Audience(Model):
    """Who an event is for: the public (no categories), or schools identified in any of the categories."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    support_categories: tuple[SupportCategory, ...] = Field(
        default=(), json_schema_extra={"uniqueItems": True}
    )

    @property
    def is_public(self) -> bool:
        return not self.support_categories

    def admits(self, category: SupportCategory | None) -> bool:
        return self.is_public or category in self.support_categories


class SessionTimes(Model):
    """One session as staff enter it; a session that keeps its `id` is the same session moved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, StringConstraints(pattern=SESSION_ID_PATTERN)] | None = None
    starts_at: UtcTime
    ends_at: UtcTime

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> "SessionTimes":
        if self.ends_at <= self.starts_at:
            raise ValueError("a session must end after it starts")
        return self


class EventSession(Model):
    model_config = ConfigDict(frozen=True)

    id: str
    starts_at: UtcTime
    ends_at: UtcTime

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Credit(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CreditKind
    amount: float = Field(gt=0, le=1000)


class CreditRule(Model):
    """How a participant earns the credits: attend every session, or at least a share of the minutes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CreditRuleKind = CreditRuleKind.EVERY_SESSION
    minimum_percent: int | None = Field(default=None, ge=1, le=100)

    @model_validator(mode="after")
    def _share_given_when_asked(self) -> "CreditRule":
        if self.kind == CreditRuleKind.MINIMUM_SHARE and self.minimum_percent is None:
            raise ValueError("a minimum share rule needs minimum_percent")
        return self


class Contact(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Name
    email: Email


class EventDetails(Model):
    """What staff write about an event: the body of creating one, or of editing it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Title
    description: Body
    kind: EventKind
    audience: Audience = Field(default_factory=Audience)
    sessions: tuple[SessionTimes, ...] = Field(min_length=1, max_length=30)
    registration_opens_at: UtcTime
    registration_closes_at: UtcTime
    capacity: int = Field(ge=1, le=100_000)
    credits: tuple[Credit, ...] = Field(default=(), max_length=3)
    credit_rule: CreditRule = Field(default_factory=CreditRule)
    contact: Contact
    meeting_link: HttpsLink

    @model_validator(mode="after")
    def _consistent(self) -> "EventDetails":
        if self.registration_closes_at <= self.registration_opens_at:
            raise ValueError("registration must close after it opens")
        kinds = [credit.kind for credit in self.credits]
        if len(set(kinds)) != len(kinds):
            raise ValueError("each kind of credit may be offered once")
        ids = [session.id for session in self.sessions if session.id is not None]
        if len(set(ids)) != len(ids):
            raise ValueError("two sessions share an id")
        return self


class Event(Model):
    """An event as stored: its details, its sessions with their ids, and where it stands."""

    model_config = ConfigDict(frozen=True)

    id: str
    program_id: str
    status: EventStatus = EventStatus.DRAFT
    title: str
    description: str
    kind: EventKind
    audience: Audience = Field(default_factory=Audience)
    sessions: tuple[EventSession, ...]
    registration_opens_at: UtcTime
    registration_closes_at: UtcTime
    capacity: int
    credits: tuple[Credit, ...] = ()
    credit_rule: CreditRule = Field(default_factory=CreditRule)
    contact: Contact
    meeting_link: str
    created_at: UtcTime
    created_by: str
    updated_at: UtcTime
    published_at: UtcTime | None = None
    version: int = 1

    @property
    def starts_at(self) -> datetime:
        return min(session.starts_at for session in self.sessions)

    @property
    def ends_at(self) -> datetime:
        return max(session.ends_at for session in self.sessions)

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    def session(self, session_id: str) -> EventSession | None:
        return next((session for session in self.sessions if session.id == session_id), None)

    def session_minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)


class RegistrationForm(Model):
    """What a person sends to register; which fields the event needs depends on its audience."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    email: Email
    role: Annotated[ShortText, Field(description="Their role, e.g. principal, teacher.")] | None = None
    district: ShortText | None = None
    school: ShortText | None = None
    support_category: SupportCategory | None = None


def new_confirmation_code() -> str:
    """Four groups of four characters (80 bits): the registrant's key to their registration."""
    characters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(characters[start : start + 4] for start in range(0, 16, 4))


class Registration(Model):
    model_config = ConfigDict(frozen=True)

    event_id: str
    program_id: str
    code: str
    name: str
    email: str
    role: str | None = None
    district: str | None = None
    school: str | None = None
    support_category: SupportCategory | None = None
    status: RegistrationStatus
    waitlist_position: int | None = Field(default=None, ge=1)
    registered_at: UtcTime
    updated_at: UtcTime
    promoted_at: UtcTime | None = None
    cancelled_at: UtcTime | None = None
    cancelled_by: str | None = None
    version: int = 1

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED


class Seats(Model):
    """An event's counter: seats taken against its capacity, and the last waitlist position given."""

    model_config = ConfigDict(frozen=True)

    capacity: int
    confirmed: int = 0
    waitlist_last: int = 0

    @property
    def full(self) -> bool:
        return self.confirmed >= self.capacity


class EventFullError(ConflictError):
    """Every seat was taken when the registration was written: it joins the waitlist instead."""


class WaitlistMovedError(ConflictError):
    """Someone joined the waitlist, or a seat came free, since the seats were read: read them again."""


class AlreadyRegisteredError(ConflictError):
    pass


class RegistrationChangedError(StaleVersionError):
    pass


class EventChangedError(StaleVersionError):
    pass


class CapacityBelowConfirmedError(ConflictError):
    pass
