"""Pages from Jinja2 templates (autoescaped), built on the first page request so the API never pays for it."""

import functools
from pathlib import Path
from typing import Any

from chalice.app import Response

from chalicelib.web.cookies import preference_cookie
from chalicelib.web.languages import LANGUAGE_COOKIE
from chalicelib.web.static_files import PREFIX, hashed_name
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

LANGUAGE_NAMES = {"en": "English", "es": "Español"}
TEMPLATES = Path(__file__).resolve().parent / "templates"

PAGE_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "script-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": PAGE_POLICY,
    "Referrer-Policy": "no-referrer",
    "Vary": "Accept-Language, Cookie",
}


@functools.cache
def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = lambda name: PREFIX + hashed_name(name)
    env.globals["language_names"] = LANGUAGE_NAMES
    return env


def render(
    visit: Visit, template: str, *, status: int = 200, private: bool = False, **values: Any
) -> Response:
    """A whole page in the visitor's language; `private` pages are never stored by a browser or a proxy."""
    words = Words(visit.language)
    html = (
        environment()
        .get_template(template)
        .render(
            visit=visit,
            url=visit.url,
            _=words.gettext,
            ngettext=words.ngettext,
            pgettext=words.pgettext,
            words=words,
            **values,
        )
    )
    headers: dict[str, Any] = {
        **PAGE_HEADERS,
        "Content-Language": visit.language,
        "Cache-Control": "no-store" if private else "no-cache",
    }
    if visit.language_chosen_now:
        headers["Set-Cookie"] = preference_cookie(LANGUAGE_COOKIE, visit.language, visit.secure)
    return Response(body=html, status_code=status, headers=headers)


def redirect(location: str, cookies: list[str] | None = None) -> Response:
    headers: dict[str, Any] = {**PAGE_HEADERS, "Location": location, "Cache-Control": "no-store"}
    if cookies:
        headers["Set-Cookie"] = cookies
    return Response(body="", status_code=303, headers=headers)
