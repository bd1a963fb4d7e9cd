"""The two statements every state agency site carries: accessibility, and privacy with the public-record
notice. What the agency promises in them (a response time, a contact) is program data it edits."""

from chalice.app import Request, Response

from chalicelib.domain.sessions import SESSION_LIFETIME
from chalicelib.web.cookies import ONE_YEAR
from chalicelib.web.languages import LANGUAGE_COOKIE
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.session import SESSION_COOKIE, SIGN_IN_COOKIE, SIGN_IN_FORM_LIFETIME
from chalicelib.web.visit import CONTRAST_COOKIE, TEXT_SIZE_COOKIE, Visit

COOKIE_DAYS = ONE_YEAR // (24 * 3600)


def accessibility(visit: Visit, request: Request) -> Response:
    return render_with_program(visit, "accessibility.html")


def privacy(visit: Visit, request: Request) -> Response:
    return render_with_program(
        visit,
        "privacy.html",
        cookies=(LANGUAGE_COOKIE, CONTRAST_COOKIE, TEXT_SIZE_COOKIE),
        cookie_days=COOKIE_DAYS,
        session_cookie=SESSION_COOKIE,
        session_hours=int(SESSION_LIFETIME.total_seconds()) // 3600,
        sign_in_cookie=SIGN_IN_COOKIE,
        sign_in_hours=SIGN_IN_FORM_LIFETIME // 3600,
    )
