"""Text that people type: trimmed, bounded, and free of control characters that break storage or display."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

BODY_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 200

_FORBIDDEN_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_EMAIL = re.compile(
    r"^[^@\s\x00-\x1f\x7f]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$"
)


def _printable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if _FORBIDDEN_CONTROL.search(value):
        raise ValueError("must not contain control characters")
    # JSON may carry half of a surrogate pair; it cannot be stored as UTF-8, so it shows as "�".
    return _LONE_SURROGATE.sub("\ufffd", value)


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("is not a valid email address")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


_ALLOWED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ALLOWED_VISIBLE = r"[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# The same rules, stated in the OpenAPI document: printable, and at least one visible character.
_TEXT_SCHEMA = Field(json_schema_extra={"pattern": f"^{_ALLOWED}*{_ALLOWED_VISIBLE}{_ALLOWED}*$"})
_EMAIL_SCHEMA = Field(json_schema_extra={"pattern": _EMAIL.pattern})

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX_LENGTH),
    AfterValidator(_printable),
    _TEXT_SCHEMA,
]
Body = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=BODY_MAX_LENGTH),
    AfterValidator(_printable),
    _TEXT_SCHEMA,
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=254),
    AfterValidator(_printable),
    AfterValidator(_email),
    _EMAIL_SCHEMA,
]
