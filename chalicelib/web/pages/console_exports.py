"""The staff CSV exports, downloaded from the console with the signed-in session: the same export service
the API serves to a staff token, part by part."""

from urllib.parse import quote

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.api.csv_files import CSV_TYPE, csv_text
from chalicelib.domain.access import require_staff
from chalicelib.domain.errors import NotFoundError, ValidationFailedError
from chalicelib.domain.exports import ExportPart
from chalicelib.services import exports
from chalicelib.web.visit import Visit

EXPORTS = ("feedback", "recommendations")


def staff_export(visit: Visit, request: Request, name: str) -> Response:
    assert visit.caller is not None
    require_staff(visit.caller)
    export = name.removesuffix(".csv")
    if export not in EXPORTS or not name.endswith(".csv"):
        raise NotFoundError("No export has this name.")
    deps = dependencies.current()
    cursor = visit.query.get("cursor") or None
    try:
        if export == "feedback":
            part = exports.feedback_export(
                visit.caller, cursor, program=deps.program, listings=deps.listings, index=deps.screening_index
            )
        else:
            part = exports.recommendations_export(
                visit.caller, cursor, program=deps.program, repository=deps.recommendations
            )
    except ValidationFailedError as error:
        raise NotFoundError("No part of the export starts there.") from error
    return _csv(part, visit, export)


def _csv(part: ExportPart, visit: Visit, export: str) -> Response:
    filename = f"{dependencies.current().program.id}-{export}-staff.csv"
    headers: dict[str, str | list[str]] = {
        "Content-Type": CSV_TYPE,
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    if part.cursor is not None:
        headers["Link"] = (
            f'<{visit.base}/console/exports/{export}.csv?cursor={quote(part.cursor)}>; rel="next"'
        )
    return Response(body=csv_text(part.columns, part.rows), status_code=200, headers=headers)
