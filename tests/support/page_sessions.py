"""Signed-in pages without a browser: a demo account signs in through the /sign-in form and answers the
authenticator code it asks for next, and its session cookie and CSRF token go with every later request,
as a browser's would."""

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from tests.support.stack import PASSWORD, authenticator_code, email_of

HOST = "localhost:8000"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORM = "application/x-www-form-urlencoded"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_NEXT = re.compile(r'name="next" value="([^"]*)"')


@dataclass(frozen=True)
class PageSession:
    cookie: str
    csrf_token: str

    def headers(self, language: str = "en") -> dict[str, str]:
        return browser_headers(language, cookie=self.cookie)

    def get(self, client: Any, path: str, language: str = "en") -> Any:
        return client.http.get(path, headers=self.headers(language))

    def post(self, client: Any, path: str, fields: dict[str, Any] | None = None, csrf: bool = True) -> Any:
        """A form post from one of this session's pages; `csrf=False` leaves its token out."""
        sent = {**({"csrf_token": self.csrf_token} if csrf else {}), **(fields or {})}
        return post_form(client, path, sent, cookie=self.cookie)


def browser_headers(language: str = "en", cookie: str = "") -> dict[str, str]:
    headers = {"Accept": BROWSER, "Accept-Language": language, "Host": HOST}
    if cookie:
        headers["Cookie"] = cookie
    return headers


def post_form(client: Any, path: str, fields: dict[str, Any], cookie: str = "", language: str = "en") -> Any:
    return client.http.post(
        path,
        headers={**browser_headers(language, cookie), "Content-Type": FORM},
        body=urlencode(fields, doseq=True),
    )


def cookie_of(response: Any, name: str = "session") -> str:
    """The `name=…` pair a response sets, as a browser would send it back."""
    cookies = response.headers.get("Set-Cookie") or []
    for cookie in [cookies] if isinstance(cookies, str) else cookies:
        if cookie.startswith(f"{name}="):
            return str(cookie.split(";", 1)[0])
    raise AssertionError(f"no {name} cookie in {cookies!r}")


def csrf_token_in(page: Any) -> str:
    found = _CSRF.search(page.body.decode())
    assert found, "the page has no CSRF field"
    return found.group(1)


def post_sign_in(client: Any, email: str, password: str, next_path: str = "") -> Any:
    """The sign-in form as a browser fills it in: fetched first, for its cookie and its token."""
    form = client.http.get("/sign-in", headers=browser_headers())
    fields = {"csrf_token": csrf_token_in(form), "email": email, "password": password}
    if next_path:
        fields["next"] = next_path
    return post_form(client, "/sign-in", fields, cookie=cookie_of(form, "sign_in"))


def post_code(client: Any, path: str, waiting: Any, code: str) -> Any:
    """The code form of the step `waiting` (the answer that led to it) led to, filled in with `code`."""
    cookie = cookie_of(waiting)
    form = client.http.get(waiting.headers["Location"], headers=browser_headers(cookie=cookie))
    going_to = _NEXT.search(form.body.decode())
    fields = {
        "csrf_token": csrf_token_in(form),
        "code": code,
        "next": html.unescape(going_to.group(1) if going_to else ""),
    }
    return post_form(client, path, fields, cookie=cookie)


def post_sign_in_with_code(client: Any, email: str, password: str, next_path: str = "") -> Any:
    """The sign-in form, then the authenticator code it asks for: the answer that ends the sign-in."""
    waiting = post_sign_in(client, email, password, next_path)
    assert waiting.headers["Location"].startswith("/sign-in/code"), waiting.headers["Location"]
    return post_code(client, "/sign-in/code", waiting, authenticator_code(email))


def sign_in(client: Any, handle: str, password: str = PASSWORD) -> PageSession:
    """Signs a demo account (a handle of tests/support/fixtures.py's USERS) in through the form and the
    authenticator code it asks for."""
    answer = post_sign_in_with_code(client, email_of(handle), password)
    assert answer.status_code == 303, answer.body
    cookie = cookie_of(answer)
    landing = client.http.get("/work", headers=browser_headers(cookie=cookie))
    page = client.http.get(landing.headers["Location"], headers=browser_headers(cookie=cookie))
    return PageSession(cookie=cookie, csrf_token=csrf_token_in(page))
