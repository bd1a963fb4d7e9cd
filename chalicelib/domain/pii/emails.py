"""Email addresses, as typed or written out: "maria dot lopez at gmail dot com", "arroba", "punto"."""

import re
from collections.abc import Iterator

from chalicelib.domain.pii.findings import PiiFinding, PiiKind, matches

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?<![\w.%+-])[\w.%+-]{{1,64}}@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,24}}(?![\w-])")

_DOT = r"(?:\s*[\(\[]\s*(?:dot|punto)\s*[\)\]]\s*|\s+(?:dot|punto)\s+|\.)"
_AT = r"(?:\s*[\(\[]\s*(?:at|arroba)\s*[\)\]]\s*|\s+(?:at|arroba)\s+|\s*@\s*)"
_TOP_LEVEL = r"(?:com|org|net|edu|gov|us|mx|info|biz|co|io|me)"
_WRITTEN_OUT = re.compile(
    rf"(?i)(?<![\w.%+-])[\w%+-]{{1,64}}(?:{_DOT}[\w%+-]{{1,64}}){{0,3}}"
    rf"{_AT}{_LABEL}(?:{_DOT}{_LABEL}){{0,3}}{_DOT}{_TOP_LEVEL}(?![\w-])"
)
_SPELLED = re.compile(r"(?i)\b(?:dot|punto|at|arroba)\b|[\(\[]")


def emails(text: str) -> Iterator[PiiFinding]:
    yield from matches(PiiKind.EMAIL, _EMAIL.finditer(text))
    written = (match for match in _WRITTEN_OUT.finditer(text) if _SPELLED.search(match[0]))
    yield from matches(PiiKind.EMAIL, written)
