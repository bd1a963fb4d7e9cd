"""The one table from domain errors to HTTP, and the error body every failure shares."""

import re
from typing import Any

from chalice.app import Response
from pydantic import Field, ValidationError

from chalicelib.domain import errors, events, registration
from chalicelib.domain.model import Model

# How Python shows an enum member, "<TeamState.NEW: 'new'>": a client reads only its value.
_ENUM_REPR = re.compile(r"<\w+\.\w+: ('[^']*')>")

STATUS_AND_CODE: dict[type[errors.DomainError], tuple[int, str]] = {
    errors.MalformedRequestError: (400, "malformed_request"),
    errors.UnauthenticatedError: (401, "unauthenticated"),
    errors.ForbiddenError: (403, "forbidden"),
    errors.NotFoundError: (404, "not_found"),
    errors.ConflictError: (409, "conflict"),
    errors.PayloadTooLargeError: (413, "payload_too_large"),
    errors.ValidationFailedError: (422, "validation_failed"),
    errors.TooManyRequestsError: (429, "too_many_requests"),
    errors.IdempotencyKeyReusedError: (409, "idempotency_key_reused"),
    errors.StaleVersionError: (409, "stale_version"),
    errors.InvalidTransitionError: (409, "invalid_transition"),
    errors.ClaimHeldError: (409, "claimed_by_another_reviewer"),
    events.AlreadyRegisteredError: (409, "already_registered"),
    registration.RegistrationNotOpenError: (409, "registration_not_open"),
    registration.RegistrationClosedError: (409, "registration_closed"),
    registration.NotInAudienceError: (422, "not_in_audience"),
    errors.ServiceFailedError: (500, "internal_error"),
    errors.ServiceBusyError: (503, "temporarily_unavailable"),
}


class FieldProblemBody(Model):
    field: str
    problem: str


class ErrorDetail(Model):
    code: str
    message: str
    fields: list[FieldProblemBody] = Field(default_factory=list)


class ErrorBody(Model):
    """Every 4xx and 5xx answer has this shape."""

    error: ErrorDetail


# What a signed-in route that takes a body may answer besides its success.
SIGNED_IN_WRITE_REFUSALS: dict[int, type[Model] | None] = {
    status: ErrorBody for status in (400, 401, 403, 404, 409, 413, 415, 422)
}


def error_response(
    status: int, code: str, message: str, fields: list[FieldProblemBody] | None = None
) -> Response:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, fields=fields or []))
    return Response(body=body.model_dump(), status_code=status, headers={"Content-Type": "application/json"})


def domain_error_response(error: errors.DomainError) -> Response:
    # The closest listed ancestor decides, so a new error inherits its family's status.
    status, code = next(
        (STATUS_AND_CODE[kind] for kind in type(error).__mro__ if kind in STATUS_AND_CODE),
        (400, "bad_request"),
    )
    fields = [FieldProblemBody(field=item.field, problem=item.problem) for item in error.fields]
    response = error_response(status, code, error.message, fields)
    if isinstance(error, errors.RetryLaterError):
        response.headers = {**response.headers, "Retry-After": str(error.retry_after_seconds)}
    return response


def validation_problems(error: ValidationError, prefix: str = "") -> list[errors.FieldProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        location = ".".join(str(part) for part in detail["loc"] if not str(part).startswith("function-after"))
        field = f"{prefix}{location}" if location else prefix.rstrip(".") or "body"
        problems.append(errors.FieldProblem(field, _problem_text(detail)))
    return problems


def _problem_text(detail: Any) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "missing":
        return "is required"
    limits = detail.get("ctx") or {}
    if kind == "string_too_short":
        return (
            "must not be empty"
            if limits.get("min_length") == 1
            else f"must be at least {limits.get('min_length')} characters"
        )
    if kind == "string_too_long":
        return f"must be at most {limits.get('max_length')} characters"
    message = _ENUM_REPR.sub(r"\1", str(detail["msg"]))
    return message.removeprefix("Value error, ")
