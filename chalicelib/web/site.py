"""The public site: every page, where it is served, and browsers sent to a page where the API has a path."""

from collections.abc import Callable

from chalice.app import Request, Response

from chalicelib.web.blueprint import PAGES_AT_API_PATHS, Page, page_routes, register


def _signed_in_form(path: str, view: str) -> Page:
    """A signed-in form post: it changes something, so the session's CSRF token is checked first."""
    return Page(path, view, methods=("POST",), form=True, signed_in=True)


PAGES = (
    Page("/", "home:home", at_api_path=True),
    Page("/teams/{slug}", "teams:team"),
    Page("/recommendations", "recommendations:listing", at_api_path=True),
    Page("/recommendations/{recommendation_id}", "recommendations:recommendation", at_api_path=True),
    Page("/recommendations/{recommendation_id}/diff", "recommendations:changes", at_api_path=True),
    Page("/feedback/new", "feedback_form:feedback_form"),
    Page("/feedback/new", "feedback_form:send_feedback", methods=("POST",), form=True),
    Page("/feedback/{feedback_id}", "receipt:receipt", at_api_path=True),
    Page("/problem", "problem:problem_form"),
    Page("/problem", "problem:send_problem", methods=("POST",), form=True),
    Page("/dashboard", "dashboard:dashboard"),
    Page("/dashboard.csv", "dashboard:dashboard_csv"),
    Page("/accessibility", "about:accessibility"),
    Page("/privacy", "about:privacy"),
    Page("/display", "display:choose_display", methods=("POST",), form=True),
    Page("/static/{name}", "display:static_file"),
    Page("/events", "events:event_list", at_api_path=True),
    Page("/events/{event_id}", "events:event_page", at_api_path=True),
    Page("/events/{event_id}/register", "events:registration_form"),
    Page("/events/{event_id}/register", "events:send_registration", methods=("POST",), form=True),
    Page("/events/{event_id}/registrations/{code}", "events:registrant_page", at_api_path=True),
    Page(
        "/events/{event_id}/registrations/{code}/cancel",
        "events:cancel_registration",
        methods=("POST",),
        form=True,
    ),
    Page("/sign-in", "sign_in:sign_in_form"),
    Page("/sign-in", "sign_in:sign_in", methods=("POST",), form=True),
    Page("/sign-in/new-password", "sign_in:new_password_form"),
    Page("/sign-in/new-password", "sign_in:choose_new_password", methods=("POST",), form=True),
    Page("/sign-in/authenticator", "authenticator:authenticator_form"),
    Page("/sign-in/authenticator", "authenticator:set_up_authenticator", methods=("POST",), form=True),
    Page("/sign-in/code", "authenticator:code_form"),
    Page("/sign-in/code", "authenticator:enter_code", methods=("POST",), form=True),
    _signed_in_form("/sign-out", "sign_in:sign_out"),
    Page("/work", "sign_in:work", signed_in=True),
    Page("/workspace", "workspace:home", signed_in=True),
    Page("/workspace/teams/{slug}/inbox", "workspace:inbox", signed_in=True),
    _signed_in_form("/workspace/teams/{slug}/inbox/{feedback_id}", "workspace:mark"),
    _signed_in_form("/workspace/teams/{slug}/inbox/{feedback_id}/link", "workspace:link"),
    Page("/workspace/teams/{slug}/recommendations", "working_copy:team_list", signed_in=True),
    Page("/workspace/teams/{slug}/recommendations/new", "new_recommendation:new_form", signed_in=True),
    _signed_in_form("/workspace/teams/{slug}/recommendations/new", "new_recommendation:create"),
    Page("/workspace/recommendations/{recommendation_id}", "working_copy:working_copy", signed_in=True),
    _signed_in_form("/workspace/recommendations/{recommendation_id}/submission", "working_copy:submit"),
    _signed_in_form(
        "/workspace/recommendations/{recommendation_id}/links/{feedback_id}/unlink", "working_copy:unlink"
    ),
    Page("/workspace/recommendations/{recommendation_id}/edit", "editor:edit_form", signed_in=True),
    _signed_in_form("/workspace/recommendations/{recommendation_id}/edit", "editor:save"),
    Page("/certificates/verify", "certificates:check"),
    Page("/certificates/{code}", "certificates:certificate", at_api_path=True),
    Page("/events/{event_id}/ask", "event_questions:question_form"),
    Page("/events/{event_id}/ask", "event_questions:ask", methods=("POST",), form=True),
    Page("/console", "console:at_a_glance", signed_in=True),
    Page("/console/exports/{name}", "console_exports:staff_export", signed_in=True),
    Page("/console/events", "console_events:event_list", signed_in=True),
    Page("/console/events/{event_id}", "console_events:roster", signed_in=True),
    _signed_in_form("/console/events/{event_id}/cancellation", "console_events:cancel"),
    _signed_in_form("/console/events/{event_id}/publication", "console_events:publish"),
    Page("/console/moderation", "console_moderation:queue", signed_in=True),
    Page("/console/moderation/{feedback_id}", "console_moderation:item", signed_in=True),
    _signed_in_form("/console/moderation/{feedback_id}/claim", "console_moderation:claim"),
    _signed_in_form("/console/moderation/{feedback_id}/release", "console_moderation:release"),
    _signed_in_form("/console/moderation/{feedback_id}/decision", "console_moderation:decide"),
    Page("/console/questions", "console_questions:queue", signed_in=True),
    Page("/console/questions/{question_id}", "console_questions:question", signed_in=True),
    _signed_in_form("/console/questions/{question_id}/claim", "console_questions:claim"),
    _signed_in_form("/console/questions/{question_id}/release", "console_questions:release"),
    _signed_in_form("/console/questions/{question_id}/answer", "console_questions:answer"),
    Page("/console/approvals", "console_approvals:queue", signed_in=True),
    Page("/console/approvals/{recommendation_id}", "console_approvals:decision_page", signed_in=True),
    Page("/console/approvals/{recommendation_id}/audit", "console_approvals:audit_trail", signed_in=True),
    _signed_in_form("/console/approvals/{recommendation_id}/claim", "console_approvals:claim"),
    _signed_in_form("/console/approvals/{recommendation_id}/release", "console_approvals:release"),
    _signed_in_form("/console/approvals/{recommendation_id}/decision", "console_approvals:decide"),
)
register(PAGES)

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
