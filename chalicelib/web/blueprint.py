"""The blueprint every page registers on, and what a page answers when something goes wrong."""

import functools
from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint, Request, Response

from chalicelib.domain.errors import NotFoundError
from chalicelib.observability import logger
from chalicelib.web.visit import Visit, visit_of

PageView = Callable[..., Response]

page_routes = Blueprint(__name__)

# Every (method, path) the site serves as HTML or static files: not API operations.
PAGE_ROUTES: set[tuple[str, str]] = set()

# Pages served at a path the API already answers with JSON: chosen when the browser asks for HTML.
PAGES_AT_API_PATHS: dict[str, PageView] = {}


def page(
    path: str, methods: tuple[str, ...] = ("GET",), content_types: tuple[str, ...] = ()
) -> Callable[[PageView], PageView]:
    """A page of its own at `path`; the view takes the visit first, then the path's parameters."""

    def register(view: PageView) -> PageView:
        guarded = shown_safely(view)

        def chalice_view(**parameters: str) -> Response:
            return guarded(page_routes.current_request, **parameters)

        chalice_view.__name__ = f"page_{view.__name__}"
        options: dict[str, Any] = {"methods": list(methods)}
        if content_types:
            options["content_types"] = list(content_types)
        page_routes.route(path, **options)(chalice_view)
        PAGE_ROUTES.update((method, path) for method in methods)
        return guarded

    return register


def page_at_api_path(api_path: str) -> Callable[[PageView], PageView]:
    """A page for browsers at a path whose JSON contract stays the API's."""

    def register(view: PageView) -> PageView:
        PAGES_AT_API_PATHS[api_path] = shown_safely(view)
        return view

    return register


def shown_safely(view: PageView) -> Callable[..., Response]:
    @functools.wraps(view)
    def guarded(request: Request, **parameters: str) -> Response:
        visit = visit_of(request)
        try:
            return view(visit, request, **parameters)
        except NotFoundError:
            return not_found(visit)
        except Exception:
            logger.exception("page failed")
            return server_error(visit)

    return guarded


def not_found(visit: Visit) -> Response:
    from chalicelib.web.pages.common import render_with_program

    return render_with_program(visit, "not_found.html", status=404)


def server_error(visit: Visit) -> Response:
    from chalicelib.web.pages.common import render_with_program

    try:
        return render_with_program(visit, "server_error.html", status=500)
    except Exception:
        logger.exception("error page failed")
        return Response(
            body="Sorry, there is a problem with the service.",
            status_code=500,
            headers={"Content-Type": "text/plain; charset=utf-8"},
        )
