"""Social Security numbers and student IDs: numbers a label names, and long bare numbers."""

import re
from collections.abc import Iterator

from chalicelib.domain.pii.findings import PiiFinding, PiiKind, matches

_SSN = re.compile(
    r"(?<![\w/.-])(?!000|666)[0-8][0-9]{2}([- ])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![\w/-]|\.[0-9])"
)
_SSN_AFTER_LABEL = re.compile(
    r"(?i:\b(?:ssn|ss\s?#|s\.s\.n\.?|social(?:\s+security)?(?:\s+(?:number|no\.?|#))?"
    r"|(?:n[uú]mero\s+de\s+)?seguro\s+social))"
    r"(?:\s*(?:is\b|was\b|es\b|[#:=]))*\s*"
    r"(?P<number>[0-9]{3}[- .]?[0-9]{2}[- .]?[0-9]{4})(?![0-9A-Za-z])"
)

_STUDENT_ID_AFTER_LABEL = re.compile(
    r"(?i:\b(?:student(?:'s|s)?\s+(?:id|identification|number|no\b\.?)|mosis(?:\s+(?:id|number|no\b\.?))?"
    r"|id\s*(?:#|number|no\b\.?)|(?:n[uú]mero|matr[ií]cula|id)\s+(?:de(?:l)?\s+)?(?:estudiante|alumn[oa])"
    r"|n[uú]mero\s+de\s+identificaci[oó]n|lunch\s+(?:id|number|pin)))"
    r"(?:\s*(?:is\b|was\b|es\b|[#:=]))*\s*"
    r"(?P<number>[0-9](?:[0-9-]{2,14})[0-9])(?![0-9A-Za-z])"
)
_CODE_LABEL = re.compile(r"(?i:\b(?:code|codes|c[oó]digo|cdc|zip)\s*(?:#|:|is|es)?\s*)$")
_DIGIT_RUN = re.compile(r"(?<![\w$])(?<![0-9][.,/-])[0-9]{6,10}(?![\w%]|[.,/-][0-9])")


def social_security_numbers(text: str) -> Iterator[PiiFinding]:
    yield from matches(PiiKind.SSN, _SSN_AFTER_LABEL.finditer(text), "number")
    yield from matches(PiiKind.SSN, _SSN.finditer(text))


def labelled_student_ids(text: str) -> Iterator[PiiFinding]:
    return matches(PiiKind.STUDENT_ID, _STUDENT_ID_AFTER_LABEL.finditer(text), "number")


def bare_student_ids(text: str) -> Iterator[PiiFinding]:
    runs = (
        match
        for match in _DIGIT_RUN.finditer(text)
        if not _is_compact_date_or_school_year(match[0])
        and not _CODE_LABEL.search(text[max(0, match.start() - 24) : match.start()])
    )
    return matches(PiiKind.STUDENT_ID, runs)


def _is_compact_date_or_school_year(digits: str) -> bool:
    if len(digits) != 8:
        return False
    first_year, second_year = int(digits[:4]), int(digits[4:])
    if second_year == first_year + 1:
        return True
    year_first = _is_date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    year_last = _is_date(int(digits[4:]), int(digits[:2]), int(digits[2:4]))
    return year_first or year_last


def _is_date(year: int, month: int, day: int) -> bool:
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31
