"""The public site: every page module registered, and browsers sent to a page where the API has a path."""

from collections.abc import Callable

from chalice.app import Request, Response

from chalicelib.web.blueprint import PAGES_AT_API_PATHS, page_routes
from chalicelib.web.pages import (  # noqa: F401  (each module registers its pages)
    about,
    dashboard,
    display,
    feedback_form,
    home,
    problem,
    receipt,
    recommendations,
    teams,
)

__all__ = ["page_routes", "serve_pages_to_browsers"]


def serve_pages_to_browsers(request: Request, get_response: Callable[[Request], Response]) -> Response:
    page = PAGES_AT_API_PATHS.get(request.path) if request.method == "GET" else None
    if page is None:
        return get_response(request)
    if prefers_html(request.headers.get("accept")):
        response = page(request, **(request.uri_params or {}))
    else:
        response = get_response(request)
    # One address, two answers: a cache must keep them apart.
    varies = [str(value) for name, value in response.headers.items() if name.lower() == "vary"]
    response.headers = {name: value for name, value in response.headers.items() if name.lower() != "vary"}
    response.headers["Vary"] = ", ".join([*varies, "Accept"])
    return response


def prefers_html(accept: str | None) -> bool:
    """A browser asks for HTML first; an API client asks for JSON or for anything (*/*)."""
    ranked = {}
    for part in (accept or "").split(","):
        media, _, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked[media.strip().lower()] = quality
    html = max(ranked.get("text/html", 0.0), ranked.get("application/xhtml+xml", 0.0))
    return html > 0 and html >= ranked.get("application/json", 0.0)
