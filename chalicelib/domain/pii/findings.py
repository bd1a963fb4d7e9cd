"""What a piece of personal information is, where it sits in the text, and how it reads once masked."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class PiiKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    SSN = "ssn"
    STUDENT_ID = "student_id"
    DATE_OF_BIRTH = "date_of_birth"
    STREET_ADDRESS = "street_address"
    PERSON_NAME = "person_name"


@dataclass(frozen=True)
class PiiFinding:
    kind: PiiKind
    start: int
    end: int


MASK_LABELS = {
    PiiKind.EMAIL: "[email removed]",
    PiiKind.PHONE: "[phone removed]",
    PiiKind.SSN: "[SSN removed]",
    PiiKind.STUDENT_ID: "[student ID removed]",
    PiiKind.DATE_OF_BIRTH: "[date of birth removed]",
    PiiKind.STREET_ADDRESS: "[address removed]",
    PiiKind.PERSON_NAME: "[name removed]",
}


def matches(kind: PiiKind, found: Iterable[re.Match[str]], group: int | str = 0) -> Iterator[PiiFinding]:
    for match in found:
        yield PiiFinding(kind, match.start(group), match.end(group))


def without_overlaps(candidates: Iterable[PiiFinding]) -> list[PiiFinding]:
    """The candidates that overlap none before them, in text order: earlier candidates win."""
    kept: list[PiiFinding] = []
    for candidate in candidates:
        if candidate.end > candidate.start and not any(overlap(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda finding: finding.start)


def overlap(a: PiiFinding, b: PiiFinding) -> bool:
    return a.start < b.end and b.start < a.end
