"""CSV exports. Without a token, what the public pages show; with a staff token, the moderation and
review columns too. A part too large for one response links to the next (`Link: <…>; rel="next"`)."""

from urllib.parse import quote

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import optional_caller
from chalicelib.api.csv_files import CSV_TYPE, csv_text
from chalicelib.api.errors import ErrorBody
from chalicelib.api.queries import cursor_of, query_params
from chalicelib.api.routing import Operation, Parameter, endpoint
from chalicelib.domain.exports import ExportPart
from chalicelib.domain.identity import Caller
from chalicelib.services import exports

export_routes = Blueprint(__name__)

_CURSOR = Parameter(
    "cursor",
    "query",
    "Where the previous part of the export ended (from its `Link` header).",
    schema={"type": "string", "minLength": 1, "maxLength": 2048},
)


def _operation(path: str, summary: str, staff_see_more: bool = True) -> Operation:
    responses: dict[int, type[ErrorBody] | None] = {200: None, 422: ErrorBody}
    if staff_see_more:
        responses[401] = ErrorBody
    return Operation(
        path,
        "GET",
        summary,
        "exports",
        dict(sorted(responses.items())),
        parameters=(_CURSOR,),
        optional_sign_in=staff_see_more,
        media_type="text/csv",
    )


@endpoint(
    export_routes,
    _operation(
        "/exports/feedback.csv",
        "Published feedback as on the teams' pages; with a staff token, every screened item and its "
        "moderation",
    ),
)
def feedback_csv() -> Response:
    request = export_routes.current_request
    caller = optional_caller(request.headers)
    deps = dependencies.current()
    part = exports.feedback_export(
        caller,
        cursor_of(query_params(request)),
        program=deps.program,
        listings=deps.listings,
        index=deps.screening_index,
    )
    return _csv_response(part, "feedback", caller)


@endpoint(
    export_routes,
    _operation(
        "/exports/recommendations.csv",
        "Approved recommendations as on the public pages; with a staff token, every recommendation and its "
        "review",
    ),
)
def recommendations_csv() -> Response:
    request = export_routes.current_request
    caller = optional_caller(request.headers)
    deps = dependencies.current()
    part = exports.recommendations_export(
        caller, cursor_of(query_params(request)), program=deps.program, repository=deps.recommendations
    )
    return _csv_response(part, "recommendations", caller)


@endpoint(
    export_routes,
    _operation(
        "/exports/decisions.csv",
        "What moderation made of every screened item (published, rejected and why, not for publication, "
        "awaiting), never its text, name or email: the transparency dashboard's figures come from it",
        staff_see_more=False,
    ),
)
def decisions_csv() -> Response:
    request = export_routes.current_request
    deps = dependencies.current()
    part = exports.decisions_export(
        cursor_of(query_params(request)), program=deps.program, listings=deps.listings
    )
    return _csv_response(part, "decisions", None)


def _csv_response(part: ExportPart, export: str, caller: Caller | None) -> Response:
    staff = caller is not None and caller.is_staff
    filename = f"{dependencies.current().program.id}-{export}{'-staff' if staff else ''}.csv"
    headers: dict[str, str | list[str]] = {
        "Content-Type": CSV_TYPE,
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
        "Vary": "Authorization",
    }
    if part.cursor is not None:
        headers["Link"] = f'</exports/{export}.csv?cursor={quote(part.cursor)}>; rel="next"'
    return Response(body=csv_text(part.columns, part.rows), status_code=200, headers=headers)
