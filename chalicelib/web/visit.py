"""What a page knows of the request it answers: language, display preferences, where it is."""

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from chalice.app import Request

from chalicelib.domain.identity import Caller
from chalicelib.web.cookies import request_cookies
from chalicelib.web.languages import DEFAULT_LANGUAGE, LANGUAGE_PARAMETER, LANGUAGES, chosen_language

CONTRAST_COOKIE = "contrast"
TEXT_SIZE_COOKIE = "text"
CONTRASTS = ("standard", "high")
TEXT_SIZES = ("standard", "large", "largest")
_PLAIN_HTTP_HOSTS = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class Visit:
    language: str
    path: str
    base: str = ""
    query: dict[str, str] = field(default_factory=dict)
    contrast: str = "standard"
    text_size: str = "standard"
    secure: bool = True
    language_chosen_now: bool = False
    # Filled on signed-in pages: who is signed in, and the token their forms carry back.
    caller: Caller | None = None
    csrf_token: str = ""

    def url(self, path: str, **query: object) -> str:
        """A link within the site, keeping the language in the address when it is not the default."""
        parameters = {name: str(value) for name, value in query.items() if value not in (None, "")}
        if self.language != DEFAULT_LANGUAGE:
            parameters.setdefault(LANGUAGE_PARAMETER, self.language)
        suffix = f"?{urlencode(parameters)}" if parameters else ""
        return f"{self.base}{path}{suffix}"

    def in_language(self, language: str) -> str:
        """This page's address in another language."""
        parameters = {**self.query, LANGUAGE_PARAMETER: language}
        return f"{self.base}{self.path}?{urlencode(parameters)}"

    @property
    def here(self) -> str:
        """This page's path and query, as a place to come back to."""
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path

    @property
    def other_languages(self) -> tuple[str, ...]:
        return tuple(language for language in LANGUAGES if language != self.language)


def visit_of(request: Request) -> Visit:
    query = dict(request.query_params or {})
    cookies = request_cookies(request.headers.get("cookie"))
    path = _requested_path(request)
    host = request.headers.get("host", "").rsplit(":", 1)[0]
    return Visit(
        language=chosen_language(query, cookies, request.headers.get("accept-language")),
        path=path,
        base=_stage_prefix(str(request.context.get("path") or path), path),
        query=query,
        contrast=_one_of(cookies.get(CONTRAST_COOKIE), CONTRASTS),
        text_size=_one_of(cookies.get(TEXT_SIZE_COOKIE), TEXT_SIZES),
        secure=host not in _PLAIN_HTTP_HOSTS,
        language_chosen_now=query.get(LANGUAGE_PARAMETER) in LANGUAGES,
    )


def _requested_path(request: Request) -> str:
    path = str(request.to_original_event().get("path") or request.path)
    # chalice local puts the route's template in the event's path (/teams/{slug}); API Gateway the real path.
    for name, value in (request.uri_params or {}).items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def _stage_prefix(full_path: str, path: str) -> str:
    # API Gateway's default address puts the stage name before every path: /api/teams/... .
    if path != "/" and full_path.endswith(path):
        return full_path[: -len(path)]
    if path == "/" and full_path not in ("", "/"):
        return full_path.rstrip("/")
    return ""


def _one_of(value: str | None, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else allowed[0]
