"""The signed-in pages' side of a session: its cookie, the person it stands for, and the CSRF check."""

from dataclasses import replace

from chalice.app import Request

from chalicelib import dependencies
from chalicelib.adapters.cognito_tokens import CognitoTokenVerifier, InvalidTokenError
from chalicelib.domain.errors import ForbiddenError, UnauthenticatedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.sessions import SESSION_LIFETIME
from chalicelib.services.sessions import Sessions, signed_in
from chalicelib.web.cookies import request_cookies
from chalicelib.web.forms import first, form_fields
from chalicelib.web.visit import Visit

SESSION_COOKIE = "session"
SIGN_IN_COOKIE = "sign_in"
SIGN_IN_FORM_LIFETIME = 3600
CSRF_FIELD = "csrf_token"
_READ_ONLY = ("GET", "HEAD")


class CsrfRefusedError(ForbiddenError):
    """A form that changes state came without its session's CSRF token."""


class _PageTokenVerifier:
    """The API's own verifier, its refusal said in the domain's words."""

    def __init__(self, verifier: CognitoTokenVerifier) -> None:
        self._verifier = verifier

    def verify(self, token: str) -> Caller:
        try:
            return self._verifier.verify(token)
        except InvalidTokenError as error:
            raise UnauthenticatedError(str(error)) from None


def current_sessions() -> Sessions:
    deps = dependencies.current()
    return Sessions(
        sign_in=deps.password_sign_in,
        store=deps.sessions,
        verifier=_PageTokenVerifier(deps.verifier),
        clock=deps.clock,
    )


def session_secret(request: Request) -> str:
    return request_cookies(request.headers.get("cookie")).get(SESSION_COOKIE, "")


def signed_in_visit(visit: Visit, request: Request) -> Visit:
    """The visit of a signed-in person. Raises UnauthenticatedError without a live session, and
    CsrfRefusedError for a form that changes state without the session's CSRF token."""
    person = signed_in(current_sessions(), session_secret(request))
    if request.method not in _READ_ONLY and not person.session.accepts(
        first(form_fields(request), CSRF_FIELD)
    ):
        raise CsrfRefusedError("This form did not come from your session.")
    return replace(visit, caller=person.caller, csrf_token=person.session.csrf_token)


def sign_in_form_token(request: Request) -> str:
    """The token the sign-in form carries back, kept in a cookie: a form posted from another site, which
    the browser sends without this cookie, signs no one in (a sign-in CSRF)."""
    return request_cookies(request.headers.get("cookie")).get(SIGN_IN_COOKIE, "")


def session_cookie(secret: str, secure: bool) -> str:
    return _cookie(SESSION_COOKIE, secret, int(SESSION_LIFETIME.total_seconds()), secure)


def ended_session_cookie(secure: bool) -> str:
    return _cookie(SESSION_COOKIE, "", 0, secure)


def sign_in_form_cookie(token: str, secure: bool) -> str:
    return _cookie(SIGN_IN_COOKIE, token, SIGN_IN_FORM_LIFETIME, secure)


def _cookie(name: str, value: str, max_age: int, secure: bool) -> str:
    attributes = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "SameSite=Lax", "HttpOnly"]
    if secure:
        attributes.append("Secure")
    return "; ".join(attributes)
