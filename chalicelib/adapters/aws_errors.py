"""Every AWS failure an adapter meets becomes a domain error here, so nothing above the adapters knows
AWS. A busy service (throttled, over its capacity, timing out, briefly down) is ServiceBusyError, which
the API answers 503 with Retry-After; anything else is ServiceFailedError, a 500. What a refused
condition means depends on the write that carried it (transactions.py, rate_counters.py)."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from chalicelib.domain.errors import DomainError, ServiceBusyError, ServiceFailedError

# What AWS answers when it is busy or briefly unwell, as botocore's own retries know it (which have run
# out by the time an error reaches us), and DynamoDB's transaction codes of the same kind.
BUSY_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "LimitExceededException",
        "TransactionInProgressException",
        "TransactionConflictException",
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalServerError",
        "InternalFailure",
        "ServiceUnavailable",
    }
)
# Why DynamoDB cancelled one write of a transaction, when the table was busy rather than the write wrong.
BUSY_REASONS = frozenset({"ProvisionedThroughputExceeded", "ThrottlingError", "TransactionConflict"})
_BUSY_STATUSES = frozenset({500, 502, 503, 504})
CONDITION_FAILED = "ConditionalCheckFailedException"
BUSY_MESSAGE = "We are busy right now; please send it again in a moment."
FAILED_MESSAGE = "Something went wrong on our side. Please try again."
TRANSACTION_CANCELLED = "TransactionCanceledException"

Adapter = TypeVar("Adapter", bound=type)


def domain_error_for(error: BotoCoreError | ClientError) -> DomainError:
    if is_busy(error):
        return ServiceBusyError(BUSY_MESSAGE)
    return ServiceFailedError(FAILED_MESSAGE)


def is_busy(error: BotoCoreError | ClientError) -> bool:
    if isinstance(error, BotoConnectionError | HTTPClientError):
        return True
    if not isinstance(error, ClientError):
        return False
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    reasons = cancellation_codes(error)
    return error_code(error) in BUSY_CODES or status in _BUSY_STATUSES or bool(BUSY_REASONS & set(reasons))


def error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def cancellation_codes(error: ClientError) -> list[str]:
    """Why each write of a cancelled transaction failed ("None" for those that did not), in write order."""
    if error_code(error) != TRANSACTION_CANCELLED:
        return []
    return [str(reason.get("Code", "None")) for reason in error.response.get("CancellationReasons", [])]


def condition_failed(error: ClientError) -> bool:
    return error_code(error) == CONDITION_FAILED


@contextmanager
def aws_errors_as_domain_errors() -> Iterator[None]:
    try:
        yield
    except (BotoCoreError, ClientError) as error:
        raise domain_error_for(error) from error


def speaks_domain_errors(adapter: Adapter) -> Adapter:
    """Makes every public method of an adapter class answer AWS failures as domain errors."""
    for name, member in list(vars(adapter).items()):
        if callable(member) and not name.startswith("_"):
            setattr(adapter, name, _translating(member))
    return adapter


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def translated(*args: Any, **kwargs: Any) -> Any:
        with aws_errors_as_domain_errors():
            return method(*args, **kwargs)

    return translated
