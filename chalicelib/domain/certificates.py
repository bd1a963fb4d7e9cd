"""Certificates of the credits a participant earned, and the code anyone can use to verify one.

A code is 12 characters of Crockford's base 32 (60 random bits: unguessable at any rate a verification
page allows), shown in three groups of four so it can be read aloud and typed. Typing it is forgiving:
case, spaces and dashes do not matter, and O, I and L read as 0, 1 and 1."""

import re
import secrets
from datetime import datetime

from pydantic import Field

from chalicelib.domain.model import Model

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 12
_TYPED_SEPARATORS = re.compile(r"[\s\-_.]")
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
CODE_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"


def new_code() -> str:
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(_CODE_LENGTH))
    return _grouped(raw)


def normalised_code(typed: str) -> str | None:
    """The code someone typed, in its printed form; None when it cannot be a code."""
    raw = _TYPED_SEPARATORS.sub("", typed).upper().translate(_LOOKALIKES)
    if len(raw) != _CODE_LENGTH or any(char not in _CROCKFORD for char in raw):
        return None
    return _grouped(raw)


def _grouped(raw: str) -> str:
    return "-".join(raw[start : start + 4] for start in range(0, _CODE_LENGTH, 4))


class EarnedCredit(Model):
    kind: str = Field(description="CEU, SEMI or OSL.")
    amount: str = Field(description="As the event offers it, e.g. 1.3.")


class Certificate(Model):
    """Exactly what a certificate shows; the verification page shows nothing more."""

    code: str = Field(json_schema_extra={"pattern": CODE_PATTERN})
    participant_name: str
    event_id: str
    event_title: str
    first_day: datetime = Field(description="When the event's first session starts.")
    last_day: datetime = Field(description="When the event's last session ends.")
    credits: list[EarnedCredit]
    issued_at: datetime


class IssuedCertificate(Model):
    """A certificate as stored: with the registration it was earned by, whose holder is emailed it."""

    program_id: str
    registration_code: str
    certificate: Certificate


def issued(
    earners: dict[str, str],
    kept: dict[str, Certificate],
    *,
    event_id: str,
    event_title: str,
    first_day: datetime,
    last_day: datetime,
    credits: list[EarnedCredit],
    now: datetime,
) -> dict[str, Certificate]:
    """The certificates of `earners` (registration id to name) after credits were computed again: a
    participant who already had one keeps its code and date; one who no longer earns has none."""
    certificates = {}
    for registration_id, name in earners.items():
        before = kept.get(registration_id)
        certificates[registration_id] = Certificate(
            code=before.code if before else new_code(),
            participant_name=name,
            event_id=event_id,
            event_title=event_title,
            first_day=first_day,
            last_day=last_day,
            credits=credits,
            issued_at=before.issued_at if before else now,
        )
    return certificates
