"""Personal information that a parent or teacher typed into feedback: found, then masked before publishing;
likely names that are not masked are flagged for the moderator."""

from collections.abc import Iterable

from chalicelib.domain.pii import names
from chalicelib.domain.pii.addresses import street_addresses
from chalicelib.domain.pii.birth_dates import birth_dates
from chalicelib.domain.pii.emails import emails
from chalicelib.domain.pii.findings import MASK_LABELS, PiiFinding, PiiKind, without_overlaps
from chalicelib.domain.pii.names import cued_names
from chalicelib.domain.pii.numbers import bare_student_ids, labelled_student_ids, social_security_numbers
from chalicelib.domain.pii.phones import phones

__all__ = ["MASK_LABELS", "PiiFinding", "PiiKind", "find_pii", "likely_names", "mask_pii"]


def find_pii(text: str) -> list[PiiFinding]:
    """What is masked in `text`, by position, not overlapping: where two candidates overlap, the kind
    listed first here wins."""
    candidates: Iterable[PiiFinding] = (
        *emails(text),
        *labelled_student_ids(text),
        *social_security_numbers(text),
        *birth_dates(text),
        *phones(text),
        *street_addresses(text),
        *cued_names(text),
        *bare_student_ids(text),
    )
    return without_overlaps(candidates)


def likely_names(text: str, masked: list[PiiFinding] | None = None) -> list[PiiFinding]:
    """Likely names that are not masked, for a moderator to look at: officials named in their role and
    capitalised words that are common first names. `masked` spares finding again what find_pii found."""
    return names.likely_names(text, find_pii(text) if masked is None else masked)


def mask_pii(text: str, findings: list[PiiFinding] | None = None) -> str:
    """`text` with each finding replaced by a label such as "[phone removed]"."""
    pieces = []
    position = 0
    for finding in without_overlaps(find_pii(text) if findings is None else findings):
        pieces += [text[position : finding.start], MASK_LABELS[finding.kind]]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
