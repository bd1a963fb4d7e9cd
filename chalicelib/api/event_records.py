"""After an event starts: staff record attendance and read the roster, the credit report and the roster
export; staff post recordings, which anyone lists; anyone checks a certificate's code."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.csv_files import CSV_TYPE, csv_text
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body, respond
from chalicelib.domain.attendance_views import (
    AttendanceMarks,
    AttendanceResult,
    AttendanceRoster,
    AttendanceUpload,
    CertificateView,
)
from chalicelib.domain.exports import ExportPart
from chalicelib.domain.recordings import Recording, RecordingForm, RecordingList
from chalicelib.services import attendance, certificates, event_exports, recordings

record_routes = Blueprint(__name__)

_EVENT = Parameter("event_id", "path", "The event's id.", required=True)
_SESSION = Parameter("session_id", "path", "The session's id, as the event lists it.", required=True)
_STAFF_READ = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody}


@endpoint(
    record_routes,
    Operation(
        "/events/{event_id}/sessions/{session_id}/attendance",
        "POST",
        "Mark people present at a session by their confirmation codes, given at the door or checked on the "
        "roster (staff)",
        "attendance",
        {200: AttendanceResult, **SIGNED_IN_WRITE_REFUSALS},
        request=AttendanceMarks,
        parameters=(_EVENT, _SESSION),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def mark_present(event_id: str, session_id: str) -> AttendanceResult:
    request = record_routes.current_request
    marks = parse_body(request.raw_body, AttendanceMarks)
    deps = dependencies.current()
    return attendance.record_by_codes(
        caller_from(request.context),
        event_id,
        session_id,
        marks,
        program_id=deps.program.id,
        events=deps.events,
        records=deps.event_records,
        clock=deps.clock,
    )


@endpoint(
    record_routes,
    Operation(
        "/events/{event_id}/sessions/{session_id}/attendance-report",
        "POST",
        "Record a session's attendance from the meeting platform's report (CSV of email and minutes "
        "present); rows that cannot be used are listed with the reason (staff)",
        "attendance",
        {200: AttendanceResult, **SIGNED_IN_WRITE_REFUSALS},
        request=AttendanceUpload,
        parameters=(_EVENT, _SESSION),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def upload_report(event_id: str, session_id: str) -> AttendanceResult:
    request = record_routes.current_request
    upload = parse_body(request.raw_body, AttendanceUpload)
    deps = dependencies.current()
    return attendance.record_from_report(
        caller_from(request.context),
        event_id,
        session_id,
        upload,
        program_id=deps.program.id,
        events=deps.events,
        records=deps.event_records,
        clock=deps.clock,
    )


@endpoint(
    record_routes,
    Operation(
        "/events/{event_id}/attendance",
        "GET",
        "Each confirmed participant's minutes per session, whether they earned credit, and why not (staff)",
        "attendance",
        {200: AttendanceRoster, **_STAFF_READ},
        parameters=(_EVENT,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def roster(event_id: str) -> AttendanceRoster:
    deps = dependencies.current()
    return attendance.attendance_roster(
        caller_from(record_routes.current_request.context),
        event_id,
        program_id=deps.program.id,
        events=deps.events,
        records=deps.event_records,
    )


def _export_operation(path: str, summary: str) -> Operation:
    return Operation(
        path,
        "GET",
        summary,
        "exports",
        {200: None, **_STAFF_READ},
        parameters=(_EVENT,),
        signed_in=True,
        media_type="text/csv",
    )


@endpoint(
    record_routes,
    _export_operation(
        "/events/{event_id}/exports/roster.csv",
        "Everyone registered, in any state, with their minutes at each session (staff)",
    ),
    authorizer=cognito_token,
)
def roster_csv(event_id: str) -> Response:
    deps = dependencies.current()
    part = event_exports.roster_export(
        caller_from(record_routes.current_request.context),
        event_id,
        program_id=deps.program.id,
        events=deps.events,
        records=deps.event_records,
    )
    return _csv(part, f"{event_id}-roster.csv")


@endpoint(
    record_routes,
    _export_operation(
        "/events/{event_id}/exports/credits.csv",
        "Who earned which credits, why others did not, and each earner's certificate code (staff)",
    ),
    authorizer=cognito_token,
)
def credits_csv(event_id: str) -> Response:
    deps = dependencies.current()
    part = event_exports.credit_report(
        caller_from(record_routes.current_request.context),
        event_id,
        program_id=deps.program.id,
        events=deps.events,
        records=deps.event_records,
    )
    return _csv(part, f"{event_id}-credits.csv")


@endpoint(
    record_routes,
    Operation(
        "/events/{event_id}/sessions/{session_id}/recordings",
        "POST",
        "Post a session's recording: its title and link (staff)",
        "events",
        {201: Recording, **SIGNED_IN_WRITE_REFUSALS},
        request=RecordingForm,
        parameters=(_EVENT, _SESSION),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def post_recording(event_id: str, session_id: str) -> Response:
    request = record_routes.current_request
    form = parse_body(request.raw_body, RecordingForm)
    deps = dependencies.current()
    recording = recordings.post_recording(
        caller_from(request.context),
        event_id,
        session_id,
        form,
        program_id=deps.program.id,
        events=deps.events,
        store=deps.event_records,
        clock=deps.clock,
    )
    return respond(recording, 201)


@endpoint(
    record_routes,
    Operation(
        "/events/{event_id}/recordings",
        "GET",
        "The recordings of a published event's sessions",
        "events",
        {200: RecordingList, 404: ErrorBody},
        parameters=(_EVENT,),
    ),
)
def list_recordings(event_id: str) -> RecordingList:
    deps = dependencies.current()
    return recordings.recordings_of(
        event_id, program_id=deps.program.id, events=deps.events, store=deps.event_records
    )


@endpoint(
    record_routes,
    Operation(
        "/certificates/{code}",
        "GET",
        "Check a certificate's verification code: whether it is valid, and what the certificate shows",
        "certificates",
        {200: CertificateView},
        parameters=(Parameter("code", "path", "The code printed on the certificate.", required=True),),
        private=True,
    ),
)
def verify(code: str) -> CertificateView:
    return certificates.verify(code, records=dependencies.current().event_records)


def _csv(part: ExportPart, filename: str) -> Response:
    headers: dict[str, str | list[str]] = {
        "Content-Type": CSV_TYPE,
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    return Response(body=csv_text(part.columns, part.rows), status_code=200, headers=headers)
