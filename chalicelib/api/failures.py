"""What a failure looks like to a client: a domain error as the table in errors.py says (a busy backing
service is a 503 to retry with the same Idempotency-Key), anything else a 500 without details. Never a
stack trace. The adapters have already turned every AWS failure into a domain error."""

from chalice.app import Response

from chalicelib.api.errors import domain_error_response, error_response
from chalicelib.domain.errors import DomainError, RetryLaterError
from chalicelib.observability import logger


def failure_response(error: Exception) -> Response:
    if isinstance(error, DomainError):
        response = domain_error_response(error)
        if response.status_code >= 500 and isinstance(error, RetryLaterError):
            logger.warning("a backing service is busy", extra={"error": type(error).__name__})
        elif response.status_code >= 500:
            logger.exception("a backing service failed")
        return response
    logger.exception("unhandled error")
    return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")
