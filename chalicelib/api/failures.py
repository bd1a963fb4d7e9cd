"""What an unexpected failure looks like to a client: a busy backing service is a 503 to retry (with the
same Idempotency-Key), anything else a 500 without details. Never a stack trace."""

from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from botocore.exceptions import ConnectionError as BotoConnectionError
from chalice.app import Response

from chalicelib.adapters.batch_reads import TableBusyError
from chalicelib.api.errors import error_response
from chalicelib.observability import logger

_TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TransactionConflictException",
        "InternalServerError",
        "ServiceUnavailable",
    }
)


def failure_response(error: Exception) -> Response:
    if is_transient(error):
        logger.warning("a backing service is busy", extra={"error": type(error).__name__})
        busy = error_response(
            503, "temporarily_unavailable", "We are busy right now; please send it again in a moment."
        )
        busy.headers = {**busy.headers, "Retry-After": "1"}
        return busy
    logger.exception("unhandled error")
    return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")


def is_transient(error: Exception) -> bool:
    """Throttling and timeouts pass; the client's retry (with its Idempotency-Key) will succeed."""
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        reasons = [reason.get("Code") for reason in error.response.get("CancellationReasons", [])]
        return code in _TRANSIENT_CODES or any(reason in _TRANSIENT_CODES for reason in reasons)
    return isinstance(
        error,
        BotoConnectionError
        | ReadTimeoutError
        | ConnectTimeoutError
        | EndpointConnectionError
        | TableBusyError,
    )
