"""Signing in with an email and a password, the new password a first sign-in asks for, signing out, and
the landing page that sends each person to their work. The authenticator app's steps are in
pages/authenticator.py."""

import hmac
from dataclasses import replace

from chalice.app import Request, Response

from chalicelib.domain.errors import ForbiddenError, UnauthenticatedError
from chalicelib.domain.sessions import NewPasswordRefusedError, SignInRefusedError, Stage, new_secret
from chalicelib.observability import logger
from chalicelib.services import sessions as service
from chalicelib.web.forms import first, form_fields, local_path
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.rendering import redirect
from chalicelib.web.session import (
    CSRF_FIELD,
    current_sessions,
    ended_session_cookie,
    session_cookie,
    session_secret,
    sign_in_form_cookie,
    sign_in_form_token,
)
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

LANDING = "/work"
PASSWORD_MIN_LENGTH = 12


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


MESSAGES = {
    "email_missing": _("Enter your email address"),
    "password_missing": _("Enter your password"),
    # The same words for a wrong password, an unknown address and a disabled or locked account.
    "refused": _("The email address or password is not right. Check them and try again"),
    "form_expired": _("The sign-in form had expired. Enter your email address and password again"),
    "new_password_missing": _("Enter a new password"),
    "new_password_weak": _(
        "Choose a password of at least 12 characters with a capital letter, a small letter and a number"
    ),
    "confirm_mismatch": _("Enter the same password twice"),
    "challenge_expired": _(
        "Your first sign-in has timed out. Sign in again with the password you were given"
    ),
    "steps_expired": _("Your sign-in timed out before it was finished. Sign in again"),
    "code_missing": _("Enter the 6-digit code from your authenticator app"),
    "code_malformed": _("Enter the code as 6 digits, like 123456"),
    "code_wrong": _("That code is not right. Enter the code your authenticator app shows now"),
}
# Where each step Cognito asks for is answered.
STEP_PAGES = {
    Stage.NEW_PASSWORD: "/sign-in/new-password",
    Stage.AUTHENTICATOR_SETUP: "/sign-in/authenticator",
    Stage.AUTHENTICATOR_CODE: "/sign-in/code",
}


def sign_in_form(visit: Visit, request: Request) -> Response:
    going_to = next_path(visit.query.get("next", ""))
    try:
        service.signed_in(current_sessions(), session_secret(request))
    except UnauthenticatedError:
        return sign_in_page(visit, request, going_to)
    return redirect(visit.base + going_to)


def sign_in(visit: Visit, request: Request) -> Response:
    fields = form_fields(request)
    email, password = first(fields, "email").strip(), first(fields, "password")
    going_to = next_path(first(fields, "next"))
    expected = sign_in_form_token(request)
    if not expected or not hmac.compare_digest(expected, first(fields, CSRF_FIELD)):
        return sign_in_page(visit, request, going_to, email, {"email": "form_expired"})
    problems = {}
    if not email:
        problems["email"] = "email_missing"
    if not password:
        problems["password"] = "password_missing"
    if problems:
        return sign_in_page(visit, request, going_to, email, problems)
    sessions = current_sessions()
    try:
        started = service.sign_in(sessions, email, password)
    except SignInRefusedError as refusal:
        logger.info("sign-in refused", extra={"reason": refusal.message})
        return sign_in_page(visit, request, going_to, email, {"email": "refused"})
    _end_quietly(request)
    return next_step(visit, started, going_to)


def next_step(visit: Visit, started: service.Started, going_to: str) -> Response:
    """Onwards to the step Cognito asks for next, or to where the person was going once signed in."""
    cookie = session_cookie(started.secret, visit.secure)
    if started.stage in STEP_PAGES:
        return redirect(visit.url(STEP_PAGES[started.stage], next=going_to), [cookie])
    return redirect(visit.base + going_to, [cookie])


def new_password_form(visit: Visit, request: Request) -> Response:
    going_to = next_path(visit.query.get("next", ""))
    pending = service.awaiting_new_password(current_sessions(), session_secret(request))
    if pending is None:
        return redirect(visit.url("/sign-in", next=going_to))
    return _new_password_page(visit, pending.csrf_token, going_to)


def choose_new_password(visit: Visit, request: Request) -> Response:
    sessions, secret = current_sessions(), session_secret(request)
    fields = form_fields(request)
    going_to = next_path(first(fields, "next"))
    pending = service.awaiting_new_password(sessions, secret)
    if pending is None:
        return sign_in_page(visit, request, going_to, problems={"email": "challenge_expired"})
    if not pending.accepts(first(fields, CSRF_FIELD)):
        raise ForbiddenError("This form did not come from this session.")
    new_password, confirmed = first(fields, "new_password"), first(fields, "confirm_password")
    problem = None
    if not new_password:
        problem = {"new_password": "new_password_missing"}
    elif new_password != confirmed:
        problem = {"confirm_password": "confirm_mismatch"}
    if problem:
        return _new_password_page(visit, pending.csrf_token, going_to, problem)
    try:
        started = service.choose_new_password(sessions, secret, new_password)
    except NewPasswordRefusedError:
        return _new_password_page(visit, pending.csrf_token, going_to, {"new_password": "new_password_weak"})
    except SignInRefusedError:
        return sign_in_page(visit, request, going_to, problems={"email": "challenge_expired"})
    return next_step(visit, started, going_to)


def sign_out(visit: Visit, request: Request) -> Response:
    _end_quietly(request)
    return redirect(visit.url("/sign-in", signed_out="1"), [ended_session_cookie(visit.secure)])


def work(visit: Visit, request: Request) -> Response:
    """Where a person lands after signing in: the console for staff, their team's workspace for members."""
    caller = visit.caller
    assert caller is not None
    if caller.is_staff:
        return redirect(visit.url("/console"))
    if caller.teams:
        return redirect(visit.url("/workspace"))
    raise ForbiddenError("This account belongs to no team and is not staff.")


def _end_quietly(request: Request) -> None:
    try:
        service.sign_out(current_sessions(), session_secret(request))
    except Exception:
        # The session is gone from this site already; a refresh token not revoked lapses on its own.
        logger.exception("refresh token not revoked")


def sign_in_page(
    visit: Visit,
    request: Request,
    going_to: str,
    email: str = "",
    problems: dict[str, str] | None = None,
) -> Response:
    form_token = sign_in_form_token(request) or new_secret()
    response = render_with_program(
        visit,
        "sign_in.html",
        status=400 if problems else 200,
        private=True,
        email=email,
        going_to=going_to,
        form_token=form_token,
        errors=errors_in_words(visit, problems),
        signed_out=visit.query.get("signed_out") == "1",
    )
    cookies = response.headers.get("Set-Cookie") or []
    response.headers["Set-Cookie"] = [
        *([cookies] if isinstance(cookies, str) else cookies),
        sign_in_form_cookie(form_token, visit.secure),
    ]
    return response


def _new_password_page(
    visit: Visit, csrf_token: str, going_to: str, problems: dict[str, str] | None = None
) -> Response:
    return render_with_program(
        replace(visit, csrf_token=csrf_token),
        "new_password.html",
        status=400 if problems else 200,
        private=True,
        going_to=going_to,
        errors=errors_in_words(visit, problems),
        password_min_length=PASSWORD_MIN_LENGTH,
    )


def errors_in_words(visit: Visit, problems: dict[str, str] | None) -> dict[str, str]:
    words = Words(visit.language)
    return {field: words.gettext(MESSAGES[problem]) for field, problem in (problems or {}).items()}


def next_path(candidate: str) -> str:
    path = local_path(candidate)
    return LANDING if path == "/" and candidate != "/" else path
