"""A client's retry of the same request must not create a second record."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class IdempotencyClaim:
    """Reserves a client's key for one request; holds the answer so a retry gets the same one."""

    key_hash: str
    request_fingerprint: str
    subject_id: str
    response: dict[str, str]
    claimed_at: datetime

    @property
    def expires_at(self) -> datetime:
        return self.claimed_at + KEY_LIFETIME

    def outlives(self, other: "IdempotencyClaim") -> bool:
        return self.expires_at > other.claimed_at


class IdempotencyKeyTakenError(Exception):
    def __init__(self, existing: IdempotencyClaim) -> None:
        super().__init__("idempotency key already used")
        self.existing = existing


def hash_key(scope: str, key: str) -> str:
    return hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()
