"""The authenticator app (TOTP) every account signs in with: set up at the first sign-in, its code asked
for at every later one. Cognito checks the codes; these pages only carry them. Cognito's session and the
key stay in the server-side sign-in session, never in an address."""

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import quote, urlencode

from chalice.app import Request, Response

from chalicelib.domain.errors import ForbiddenError
from chalicelib.domain.sessions import Session, SignInRefusedError, Stage, WrongCodeError
from chalicelib.services import sessions as service
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.pages.sign_in import errors_in_words, next_path, next_step, sign_in_page
from chalicelib.web.rendering import redirect
from chalicelib.web.session import CSRF_FIELD, current_sessions, session_secret
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

ISSUER = "Public review"


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


QR_CODE_DESCRIPTION = _("QR code that adds this account to an authenticator app")
_CODE = re.compile(r"[0-9]{6}")
_SPACES = re.compile(r"[\s-]+")


def authenticator_form(visit: Visit, request: Request) -> Response:
    return _form(visit, request, Stage.AUTHENTICATOR_SETUP)


def set_up_authenticator(visit: Visit, request: Request) -> Response:
    return _answer(visit, request, Stage.AUTHENTICATOR_SETUP, service.set_up_authenticator)


def code_form(visit: Visit, request: Request) -> Response:
    return _form(visit, request, Stage.AUTHENTICATOR_CODE)


def enter_code(visit: Visit, request: Request) -> Response:
    return _answer(visit, request, Stage.AUTHENTICATOR_CODE, service.answer_authenticator_code)


def grouped_key(key: str) -> str:
    """The key in groups of four, as it is easiest to read off a screen and type."""
    key = key.upper()
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


def authenticator_link(key: str, email: str) -> str:
    """The `otpauth://` address an authenticator app on the same device adds the account from."""
    label = quote(f"{ISSUER}:{email}")
    query = urlencode(
        {"secret": key.upper(), "issuer": ISSUER, "algorithm": "SHA1", "digits": 6, "period": 30}
    )
    return f"otpauth://totp/{label}?{query}"


def _form(visit: Visit, request: Request, stage: Stage) -> Response:
    going_to = next_path(visit.query.get("next", ""))
    pending = service.awaiting(current_sessions(), session_secret(request), stage)
    if pending is None:
        return redirect(visit.url("/sign-in", next=going_to))
    return _page(visit, pending, going_to)


def _answer(
    visit: Visit,
    request: Request,
    stage: Stage,
    answer: Callable[[service.Sessions, str, str], service.Started],
) -> Response:
    sessions, secret = current_sessions(), session_secret(request)
    fields = form_fields(request)
    going_to = next_path(first(fields, "next"))
    pending = service.awaiting(sessions, secret, stage)
    if pending is None:
        return sign_in_page(visit, request, going_to, problems={"email": "steps_expired"})
    if not pending.accepts(first(fields, CSRF_FIELD)):
        raise ForbiddenError("This form did not come from this session.")
    code = _SPACES.sub("", first(fields, "code"))
    if not code:
        return _page(visit, pending, going_to, {"code": "code_missing"})
    if not _CODE.fullmatch(code):
        return _page(visit, pending, going_to, {"code": "code_malformed"}, typed=first(fields, "code"))
    try:
        started = answer(sessions, secret, code)
    except WrongCodeError:
        return _page(visit, pending, going_to, {"code": "code_wrong"})
    except SignInRefusedError:
        return sign_in_page(visit, request, going_to, problems={"email": "steps_expired"})
    return next_step(visit, started, going_to)


def _page(
    visit: Visit, pending: Session, going_to: str, problems: dict[str, str] | None = None, typed: str = ""
) -> Response:
    """`typed`: a code kept to be corrected; a wrong code is not kept, the app shows a new one anyway."""
    setting_up = pending.stage is Stage.AUTHENTICATOR_SETUP
    qr_code = ""
    if setting_up:
        from chalicelib.web.qr_code import qr_code_svg

        link = authenticator_link(pending.authenticator_key, pending.email)
        description = Words(visit.language).gettext(QR_CODE_DESCRIPTION)
        qr_code = qr_code_svg(link, description)
    return render_with_program(
        replace(visit, csrf_token=pending.csrf_token),
        "authenticator_setup.html" if setting_up else "authenticator_code.html",
        status=400 if problems else 200,
        private=True,
        going_to=going_to,
        email=pending.email,
        typed=typed,
        errors=errors_in_words(visit, problems),
        key=grouped_key(pending.authenticator_key) if setting_up else "",
        link=authenticator_link(pending.authenticator_key, pending.email) if setting_up else "",
        qr_code=qr_code,
    )
