"""Personal information that a parent or teacher typed into feedback: found, then masked before publishing."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class PiiKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    STREET_ADDRESS = "street_address"
    STUDENT_ID = "student_id"


@dataclass(frozen=True)
class PiiFinding:
    kind: PiiKind
    start: int
    end: int


MASK_LABELS = {
    PiiKind.EMAIL: "[email removed]",
    PiiKind.PHONE: "[phone removed]",
    PiiKind.STREET_ADDRESS: "[address removed]",
    PiiKind.STUDENT_ID: "[student ID removed]",
}

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?<![\w.%+-])[\w.%+-]{{1,64}}@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,24}}(?![\w-])")

_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:\+?1[ .-]?)?"
    r"(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-]?)"
    r"[2-9][0-9]{2}[ .-]?[0-9]{4}"
    r"(?![\w]|[.-][0-9])"
)

_STUDENT_ID_AFTER_LABEL = re.compile(
    r"(?i:\b(?:student(?:'s|s)?\s+(?:id|identification|number|no\b\.?)|mosis(?:\s+(?:id|number|no\b\.?))?"
    r"|id\s*(?:#|number|no\b\.?)))"
    r"(?:\s*(?:is\b|was\b|[#:=]))*\s*"
    r"(?P<number>[0-9](?:[0-9-]{2,14})[0-9])(?![0-9A-Za-z])"
)
_DIGIT_RUN = re.compile(r"(?<![\w$])(?<![0-9][.,/-])[0-9]{6,10}(?![\w%]|[.,/-][0-9])")

_STREET_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Circle|Cir"
    "|Highway|Hwy|Parkway|Pkwy|Terrace|Ter|Trail|Trl|Square|Sq|Plaza|Loop|Pike|Crossing|Xing"
)
_STREET_ADDRESS = re.compile(
    r"(?<![\w.,/-])[0-9]{1,6}[A-Za-z]?\s+"
    r"(?P<words>(?:(?:[0-9]{1,3}(?i:st|nd|rd|th)|[A-Za-z][A-Za-z'.-]*)\s+){1,4}?)"
    rf"(?P<suffix>(?i:{_STREET_SUFFIXES}))\b"
    r"(?:\.?\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    r"(?:\.?,?\s*(?:(?i:apt|apartment|unit|suite|ste|lot)\b\.?\s*#?|#)\s*(?:[0-9][0-9A-Za-z-]*|[A-Za-z]\b))?"
)
_PO_BOX = re.compile(r"(?<![\w.])(?i:p\.?\s?o\.?\s*box|post\s+office\s+box)\s*#?\s*[0-9]{1,6}(?![0-9])")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SUFFIXES_THAT_ARE_ALSO_VERBS_OR_TITLES = _words(
    "drive dr court ct way place pl circle cir trail terrace square loop"
)
_NOT_STREET_WORDS = _words(
    """a an the and or but nor of on in at to for from by with without about into onto over under off down up
    past near along across around through per than then this that these those my our your his her their its
    we i you he she they it me us them is are was were be been am has have had do does did will would can
    could should may might must not no so as if every each all some any more most less few many other who
    which what when where why how please also just only very too grade grades times days weeks months
    years hours minutes percent"""
)


def find_pii(text: str) -> list[PiiFinding]:
    """Emails, US phone numbers, street addresses and student IDs in `text`, by position, not overlapping."""
    candidates: Iterable[PiiFinding] = (
        *_matches(PiiKind.EMAIL, _EMAIL.finditer(text)),
        *_labelled_student_ids(text),
        *_matches(PiiKind.PHONE, _PHONE.finditer(text)),
        *_street_addresses(text),
        *_matches(PiiKind.STREET_ADDRESS, _PO_BOX.finditer(text)),
        *_bare_student_ids(text),
    )
    return _without_overlaps(candidates)


def mask_pii(text: str, findings: list[PiiFinding] | None = None) -> str:
    """`text` with each finding replaced by a label such as "[phone removed]"."""
    pieces = []
    position = 0
    for finding in _without_overlaps(find_pii(text) if findings is None else findings):
        pieces += [text[position : finding.start], MASK_LABELS[finding.kind]]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def _matches(kind: PiiKind, matches: Iterable[re.Match[str]], group: int | str = 0) -> Iterator[PiiFinding]:
    for match in matches:
        yield PiiFinding(kind, match.start(group), match.end(group))


def _labelled_student_ids(text: str) -> Iterator[PiiFinding]:
    return _matches(PiiKind.STUDENT_ID, _STUDENT_ID_AFTER_LABEL.finditer(text), "number")


def _bare_student_ids(text: str) -> Iterator[PiiFinding]:
    runs = (match for match in _DIGIT_RUN.finditer(text) if not _is_compact_date_or_school_year(match[0]))
    return _matches(PiiKind.STUDENT_ID, runs)


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


def _street_addresses(text: str) -> Iterator[PiiFinding]:
    for number in re.finditer(r"(?<![\w.,/-])[0-9]", text):
        match = _STREET_ADDRESS.match(text, number.start())
        if match and _names_a_street(match["words"].split(), match["suffix"]):
            yield PiiFinding(PiiKind.STREET_ADDRESS, match.start(), match.end())


def _names_a_street(words: list[str], suffix: str) -> bool:
    if any(word.lower().strip(".'") in _NOT_STREET_WORDS for word in words):
        return False
    return suffix[0].isupper() or suffix.lower() not in _SUFFIXES_THAT_ARE_ALSO_VERBS_OR_TITLES


def _without_overlaps(candidates: Iterable[PiiFinding]) -> list[PiiFinding]:
    kept: list[PiiFinding] = []
    for candidate in candidates:
        if candidate.end > candidate.start and not any(_overlap(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda finding: finding.start)


def _overlap(a: PiiFinding, b: PiiFinding) -> bool:
    return a.start < b.end and b.start < a.end
