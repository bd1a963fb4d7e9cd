"""Domain errors. The API maps each one to an HTTP status in one table (chalicelib/api/errors.py)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldProblem:
    field: str
    problem: str


@dataclass
class DomainError(Exception):
    message: str
    fields: list[FieldProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


class MalformedRequestError(DomainError):
    pass


class ValidationFailedError(DomainError):
    pass


class PayloadTooLargeError(DomainError):
    pass


class NotFoundError(DomainError):
    pass


class IdempotencyKeyReusedError(DomainError):
    pass


class UnauthenticatedError(DomainError):
    pass


class ForbiddenError(DomainError):
    pass


class ConflictError(DomainError):
    pass


class StaleVersionError(ConflictError):
    pass


class InvalidTransitionError(ConflictError):
    pass


class ClaimHeldError(ConflictError):
    pass


@dataclass
class RetryLaterError(DomainError):
    """Refused for now: the same request, sent again after `retry_after_seconds`, may well succeed."""

    retry_after_seconds: int = 60


class TooManyRequestsError(RetryLaterError):
    pass


@dataclass
class ServiceBusyError(RetryLaterError):
    """A service we depend on is throttling, over its capacity, timing out or briefly down."""

    retry_after_seconds: int = 1


class ServiceFailedError(DomainError):
    """A service we depend on refused a request for a reason no retry mends: the fault is ours."""
