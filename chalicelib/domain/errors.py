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
class TooManyRequestsError(DomainError):
    retry_after_seconds: int = 60
