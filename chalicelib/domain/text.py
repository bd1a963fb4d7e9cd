"""Text that people type: trimmed, bounded, free of control characters that break storage or display, of
the bidirectional controls that make published text read other than it is, and never only invisible."""

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

BODY_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 200

_FORBIDDEN_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they can make published text, a
# CSV cell or the line after it display reversed. The implicit marks (U+200E, U+200F, U+061C) only
# nudge neutral characters and are kept.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Characters with no visible mark of their own: zero-width spaces and joiners, direction marks and
# controls, the word joiner and invisible operators, the byte order mark, soft hyphen, fillers, the
# braille blank, variation selectors.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")
_VISIBLE = re.compile(f"[^\\s{INVISIBLE}]")
# No whitespace or control character in the local part. C1 controls and U+FEFF are named outright: `\s`
# takes U+0085 in Python but U+FEFF in the ECMAScript reading of the OpenAPI pattern, and both must agree.
_EMAIL = re.compile(
    r"^[^@\s\x00-\x1f\x7f-\x9f\ufeff]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$"
)


def without_bidi_controls(value: str) -> str:
    return _BIDI_CONTROL.sub("", value)


def is_blank(value: str) -> bool:
    """Whether nothing in `value` would show: only whitespace and invisible characters, or nothing."""
    return _VISIBLE.search(value) is None


def _printable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if _FORBIDDEN_CONTROL.search(value):
        raise ValueError("must not contain control characters")
    # JSON may carry half of a surrogate pair; it cannot be stored as UTF-8, so it shows as "�".
    return _LONE_SURROGATE.sub("\ufffd", value)


def _shown(value: str) -> str:
    shown = without_bidi_controls(value).strip()
    if is_blank(shown):
        raise ValueError("must not be empty")
    return shown


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("is not a valid email address")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


_ALLOWED = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ALLOWED_VISIBLE = f"[^\\s\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f{INVISIBLE}]"
# The same rules, stated in the OpenAPI document: printable, and at least one visible character.
_TEXT_SCHEMA = Field(json_schema_extra={"pattern": f"^{_ALLOWED}*{_ALLOWED_VISIBLE}{_ALLOWED}*$"})
_EMAIL_SCHEMA = Field(json_schema_extra={"pattern": _EMAIL.pattern})


def _trimmed(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


_PRINTABLE = AfterValidator(_printable)
_SHOWN = AfterValidator(_shown)

Name = Annotated[str, _trimmed(NAME_MAX_LENGTH), _PRINTABLE, _SHOWN, _TEXT_SCHEMA]
Body = Annotated[str, _trimmed(BODY_MAX_LENGTH), _PRINTABLE, _SHOWN, _TEXT_SCHEMA]
Title = Annotated[str, _trimmed(200), _PRINTABLE, _SHOWN, _TEXT_SCHEMA]
# No pattern in the document: matching one over 50,000 characters makes generated test data crawl.
Markdown = Annotated[str, _trimmed(50_000), _PRINTABLE, _SHOWN]
ChangeSummary = Annotated[str, _trimmed(1000), _PRINTABLE, _SHOWN, _TEXT_SCHEMA]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=254),
    _PRINTABLE,
    AfterValidator(_email),
    _EMAIL_SCHEMA,
]
