"""How fast one source may submit, and how many emails one address may receive in a day. Both are
counted under a keyed hash of the source or the address, never the value itself."""

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain.errors import TooManyRequestsError

# A classroom behind one school address sends about 30 forms within a few minutes.
SUBMISSIONS_PER_SOURCE_PER_MINUTE = 30
# Enough for an acknowledgement, a decision and a citation or two; a flood of one address stops here.
EMAILS_PER_ADDRESS_PER_DAY = 5
MINUTE = timedelta(minutes=1)


def keyed_hash(secret: bytes, value: str) -> str:
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:32]


def recipient_key(secret: bytes, address: str) -> str:
    return keyed_hash(secret, address.strip().lower())


def minute_of(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


@dataclass(frozen=True)
class Admission:
    """One more submission from `source` in the clock minute starting at `minute`, allowed while the
    minute's count stays within `per_minute`; counted in the same write that stores the submission."""

    source: str
    minute: datetime
    per_minute: int


class SourceOverLimitError(Exception):
    """The source has already sent its minute's worth."""


def wait_for_next_minute(now: datetime) -> TooManyRequestsError:
    wait = math.ceil((minute_of(now) + MINUTE - now).total_seconds())
    return TooManyRequestsError(
        "Too many submissions came from your network this minute; please send yours again shortly.",
        retry_after_seconds=max(1, wait),
    )
