"""US phone numbers with or without area code and extension, found by libphonenumber."""

import re
from collections.abc import Iterator

from chalicelib.domain.pii.findings import PiiFinding, PiiKind

_SEVEN_DIGITS = re.compile(r"[2-9][0-9]{2}[ .-][0-9]{4}")
_LOOKS_LIKE_A_PHONE = re.compile(r"[0-9(+]")


def phones(text: str) -> Iterator[PiiFinding]:
    if not _LOOKS_LIKE_A_PHONE.search(text):
        return
    import phonenumbers  # screening needs it, the API's cold start does not

    for match in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE):
        if _is_a_phone(text, match.start, match.end, match.raw_string, match.number.national_number or 0):
            yield PiiFinding(PiiKind.PHONE, match.start, match.end)


def _is_a_phone(text: str, start: int, end: int, raw: str, national: int) -> bool:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    if before in ("$", "#") or after in ("%",) or re.match(r"[.,][0-9]", text[end : end + 2]):
        return False
    digits = re.sub(r"[^0-9]", "", raw)
    if len(str(national)) == 7:
        return bool(_SEVEN_DIGITS.fullmatch(raw.strip()))
    return len(str(national)) == 10 and len(digits) >= 10
