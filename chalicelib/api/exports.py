"""CSV exports. Without a token, what the public pages show; with a staff token, the moderation and
review columns too. A part too large for one response links to the next (`Link: <…>; rel="next"`)."""

import csv
import io
from urllib.parse import quote

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import optional_caller
from chalicelib.api.errors import ErrorBody
from chalicelib.api.queries import cursor_of, query_params
from chalicelib.api.routing import Operation, Parameter, endpoint
from chalicelib.domain.exports import ExportPart
from chalicelib.domain.identity import Caller
from chalicelib.services import exports

export_routes = Blueprint(__name__)

# A cell that starts like a formula is run by spreadsheets; a leading apostrophe keeps it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BYTE_ORDER_MARK = "\ufeff"  # so that spreadsheet programs read the file as UTF-8
_CURSOR = Parameter(
    "cursor",
    "query",
    "Where the previous part of the export ended (from its `Link` header).",
    schema={"type": "string", "minLength": 1, "maxLength": 2048},
)


def _operation(path: str, summary: str) -> Operation:
    return Operation(
        path,
        "GET",
        summary,
        "exports",
        {200: None, 401: ErrorBody, 422: ErrorBody},
        parameters=(_CURSOR,),
        optional_sign_in=True,
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


def _csv_response(part: ExportPart, export: str, caller: Caller | None) -> Response:
    staff = caller is not None and caller.is_staff
    filename = f"{dependencies.current().program.id}-{export}{'-staff' if staff else ''}.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=part.columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _as_text(value) for name, value in row.items()} for row in part.rows)
    headers: dict[str, str | list[str]] = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
        "Vary": "Authorization",
    }
    if part.cursor is not None:
        headers["Link"] = f'</exports/{export}.csv?cursor={quote(part.cursor)}>; rel="next"'
    return Response(body=_BYTE_ORDER_MARK + buffer.getvalue(), status_code=200, headers=headers)


def _as_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
