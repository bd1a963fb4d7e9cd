"""How pages are routed, loaded on first use, and what a page answers when something goes wrong."""

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from chalice.app import Blueprint, Request, Response

from chalicelib.domain.errors import ForbiddenError, NotFoundError, UnauthenticatedError
from chalicelib.observability import logger
from chalicelib.web.forms import FORM_TYPE
from chalicelib.web.visit import Visit, visit_of

PageView = Callable[..., Response]

page_routes = Blueprint(__name__)

# Every (method, path) the site serves as HTML or static files: not API operations.
PAGE_ROUTES: set[tuple[str, str]] = set()

# Pages served at a path the API already answers with JSON: chosen when the browser asks for HTML.
PAGES_AT_API_PATHS: dict[str, Callable[..., Response]] = {}


@dataclass(frozen=True)
class Page:
    """A page: where it is served and which view draws it (`module:function` in chalicelib.web.pages).
    The view takes the visit and the request, then the path's parameters. `at_api_path`: the API answers
    JSON there and a browser asking for HTML gets the page. `form`: it takes a plain HTML form post.
    `signed_in`: only for a signed-in person, who is in `visit.caller`; anyone else is sent to sign in
    and back, and a post without the session's CSRF token is refused before the view runs."""

    path: str
    view: str
    methods: tuple[str, ...] = ("GET",)
    form: bool = False
    at_api_path: bool = False
    signed_in: bool = False


def register(pages: Iterable[Page]) -> None:
    """Routes every page; a page's module is imported when it is first asked for, never at start-up, so
    the API and the workers never pay for what only pages use."""
    for declared in pages:
        shown = _shown_on_demand(declared.view, declared.signed_in)
        if declared.at_api_path:
            PAGES_AT_API_PATHS[declared.path] = shown
            continue
        options: dict[str, Any] = {"methods": list(declared.methods)}
        if declared.form:
            options["content_types"] = [FORM_TYPE]
        page_routes.route(declared.path, **options)(_chalice_view(declared, shown))
        PAGE_ROUTES.update((method, declared.path) for method in declared.methods)


def _chalice_view(declared: Page, shown: Callable[..., Response]) -> Callable[..., Response]:
    def chalice_view(**parameters: str) -> Response:
        return shown(page_routes.current_request, **parameters)

    chalice_view.__name__ = "page_" + declared.view.replace(":", "_")
    return chalice_view


def _shown_on_demand(view: str, signed_in: bool = False) -> Callable[..., Response]:
    module_name, function_name = view.split(":")

    def shown(request: Request, **parameters: str) -> Response:
        module = importlib.import_module(f"chalicelib.web.pages.{module_name}")
        return shown_safely(getattr(module, function_name), signed_in)(request, **parameters)

    return shown


def shown_safely(view: PageView, signed_in: bool = False) -> Callable[..., Response]:
    @functools.wraps(view)
    def guarded(request: Request, **parameters: str) -> Response:
        visit = visit_of(request)
        try:
            if signed_in:
                from chalicelib.web.session import signed_in_visit

                visit = signed_in_visit(visit, request)
            response = view(visit, request, **parameters)
        except NotFoundError:
            response = not_found(visit)
        except UnauthenticatedError:
            response = to_sign_in(visit)
        except ForbiddenError as error:
            response = forbidden(visit, error)
        except Exception:
            logger.exception("page failed")
            response = server_error(visit)
        if signed_in:
            response.headers["Cache-Control"] = "no-store"
        return response

    return guarded


def to_sign_in(visit: Visit) -> Response:
    """Sends a signed-out person to sign in, and then back here."""
    from chalicelib.web.rendering import redirect

    return redirect(visit.url("/sign-in", next=visit.here))


def forbidden(visit: Visit, error: ForbiddenError) -> Response:
    from chalicelib.web.pages.common import render_with_program
    from chalicelib.web.session import CsrfRefusedError

    return render_with_program(
        visit, "forbidden.html", status=403, private=True, stale_form=isinstance(error, CsrfRefusedError)
    )


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
