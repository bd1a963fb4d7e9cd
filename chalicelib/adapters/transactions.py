"""One DynamoDB transaction, all or nothing. Each write has a name, and a conditional write says what the
failure of its condition means (the item changed since it was read, the key is taken, the limit is
reached); a cancellation is read by those names, never by a write's place in the list. A conflict with
another transaction in flight is tried again a few times, then reported busy."""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.aws_errors import FAILED_MESSAGE, cancellation_codes, domain_error_for
from chalicelib.domain.errors import ServiceFailedError

CONFLICT_ATTEMPTS = 4
_CONFLICT = "TransactionConflict"
_CONDITION_FAILED = "ConditionalCheckFailed"


@dataclass(frozen=True)
class Write:
    """One write of a transaction: `request` as TransactWriteItems takes it ({"Put": …}, {"Update": …}),
    and for a conditional write, what its refused condition means."""

    name: str
    request: dict[str, Any]
    refusal: Callable[[], Exception] | None = None


def transact(dynamodb: Any, writes: Sequence[Write]) -> None:
    names = [write.name for write in writes]
    assert len(set(names)) == len(names), f"two writes share a name: {names}"
    for attempt in range(CONFLICT_ATTEMPTS):
        try:
            dynamodb.transact_write_items(TransactItems=[write.request for write in writes])
            return
        except ClientError as error:
            reasons = cancellation_reasons(error, names)
            refused = [write for write in writes if reasons.get(write.name) == _CONDITION_FAILED]
            if refused:
                raise _meaning_of(refused) from error
            if _CONFLICT in reasons.values() and attempt < CONFLICT_ATTEMPTS - 1:
                time.sleep(0.05 * 2**attempt)
                continue
            raise domain_error_for(error) from error


def cancellation_reasons(error: ClientError, names: Sequence[str]) -> dict[str, str]:
    """Why the transaction was cancelled, by the name of each write that failed."""
    return {
        name: code for name, code in zip(names, cancellation_codes(error), strict=False) if code != "None"
    }


def _meaning_of(refused: list[Write]) -> Exception:
    """The first refused write that says what its refusal means decides."""
    for write in refused:
        if write.refusal is not None:
            return write.refusal()
    return ServiceFailedError(FAILED_MESSAGE)
