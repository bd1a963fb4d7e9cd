"""Sign-in. The built-in authorizer verifies the token; each signed-in route then requires a caller.

The authorizer never denies outright: it lets the request through marked anonymous, with the reason,
so that every environment (API Gateway, `chalice local`, the test client) answers an invalid token
with the same 401 body. Access to each object is decided by the services, not here.
"""

from typing import Any

from chalice.app import AuthRequest, AuthResponse, Blueprint

from chalicelib import dependencies
from chalicelib.adapters.cognito_tokens import InvalidTokenError
from chalicelib.domain.errors import UnauthenticatedError
from chalicelib.domain.identity import Caller
from chalicelib.observability import logger

auth_routes = Blueprint(__name__)
_BEARER = "bearer "


# Not cached: a token that expires is refused from that second on.
@auth_routes.authorizer(ttl_seconds=0)
def cognito_token(auth_request: AuthRequest) -> AuthResponse:
    token = auth_request.token or ""
    if token.lower().startswith(_BEARER):
        token = token[len(_BEARER) :]
    try:
        caller = dependencies.current().verifier.verify(token.strip())
    except InvalidTokenError as error:
        detail = type(error.__cause__).__name__ if error.__cause__ else None
        logger.info("sign-in refused", extra={"reason": str(error), "detail": detail})
        return AuthResponse(
            routes=["*"], principal_id="anonymous", context={"signed_in": "false", "reason": str(error)}
        )
    return AuthResponse(
        routes=["*"],
        principal_id=caller.subject,
        context={
            "signed_in": "true",
            "username": caller.username,
            "email": caller.email or "",
            "groups": ",".join(caller.groups),
        },
    )


def caller_from(request_context: dict[str, Any]) -> Caller:
    context = request_context.get("authorizer") or {}
    if context.get("signed_in") != "true":
        reason = context.get("reason") or "a valid token is required"
        raise UnauthenticatedError(f"Sign in to continue: {reason}.")
    groups = tuple(group for group in str(context.get("groups", "")).split(",") if group)
    return Caller(
        subject=str(context["principalId"]),
        username=str(context.get("username", "")),
        email=str(context.get("email")) or None,
        groups=groups,
    )


def optional_caller(headers: Any) -> Caller | None:
    """For a public route that shows more to staff: no Authorization header is the public; a header that
    does not hold a valid token is refused, so an expired session never silently gets the public view."""
    header = headers.get("authorization")
    if header is None:
        return None
    token = header[len(_BEARER) :] if header.lower().startswith(_BEARER) else header
    try:
        return dependencies.current().verifier.verify(token.strip())
    except InvalidTokenError as error:
        raise UnauthenticatedError(
            f"Sign in again, or send no token for the public export: {error}."
        ) from None
