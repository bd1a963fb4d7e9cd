"""Events: staff create, edit and publish them; the public lists and reads them, takes their calendar
file, registers, and reaches its registration with the confirmation code."""

from chalice.app import Blueprint, Response

from chalicelib import dependencies
from chalicelib.api.auth import caller_from, cognito_token, optional_caller
from chalicelib.api.errors import SIGNED_IN_WRITE_REFUSALS, ErrorBody
from chalicelib.api.queries import query_params
from chalicelib.api.routing import Operation, Parameter, endpoint, parse_body, respond
from chalicelib.domain.event_views import (
    EventEdit,
    EventList,
    Publication,
    PublicEventView,
    RegistrantView,
    Roster,
    StaffEventList,
    StaffEventView,
)
from chalicelib.domain.events import CODE_PATTERN, EventDetails, RegistrationForm, SupportCategory
from chalicelib.services import events, registrations

event_routes = Blueprint(__name__)

_EVENT = Parameter("event_id", "path", "The event's id.", required=True)
_CODE = Parameter(
    "code",
    "path",
    "The confirmation code given on registering.",
    required=True,
    schema={"type": "string", "pattern": CODE_PATTERN},
)
_AUDIENCE = Parameter(
    "audience",
    "query",
    "Only events open to the public (`public`) or to schools of one support category.",
    schema={"type": "string", "enum": ["public", *SupportCategory]},
)
_PUBLIC_REFUSALS: dict[int, type[ErrorBody] | None] = {
    status: ErrorBody for status in (400, 404, 409, 413, 415, 422)
}


@endpoint(
    event_routes,
    Operation(
        "/events",
        "POST",
        "Create an event, a draft until published (staff)",
        "events",
        {201: StaffEventView, **SIGNED_IN_WRITE_REFUSALS},
        request=EventDetails,
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def create_event() -> Response:
    request = event_routes.current_request
    caller = caller_from(request.context)
    details = parse_body(request.raw_body, EventDetails)
    deps = dependencies.current()
    created = events.create_event(
        caller, details, program=deps.program, repository=deps.events, clock=deps.clock
    )
    return respond(created, status=201)


@endpoint(
    event_routes,
    Operation(
        "/events",
        "GET",
        "Published events, upcoming (soonest first) and past (latest first)",
        "events",
        {200: EventList, 422: ErrorBody},
        parameters=(_AUDIENCE,),
    ),
)
def list_events() -> EventList:
    deps = dependencies.current()
    audience = query_params(event_routes.current_request).get("audience")
    return events.public_events(audience, program=deps.program, repository=deps.events, clock=deps.clock)


@endpoint(
    event_routes,
    Operation(
        "/staff/events",
        "GET",
        "Every event, drafts included, soonest first (staff)",
        "events",
        {200: StaffEventList, 401: ErrorBody, 403: ErrorBody},
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def staff_events() -> StaffEventList:
    caller = caller_from(event_routes.current_request.context)
    deps = dependencies.current()
    return events.staff_events(caller, program=deps.program, repository=deps.events, clock=deps.clock)


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}",
        "GET",
        "A published event: its sessions in UTC and in the agency's zone, never its meeting link",
        "events",
        {200: PublicEventView, 404: ErrorBody},
        parameters=(_EVENT,),
    ),
)
def read_event(event_id: str) -> PublicEventView:
    deps = dependencies.current()
    return events.public_event(event_id, program=deps.program, repository=deps.events, clock=deps.clock)


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/edits",
        "POST",
        "Edit an event against the version read; a session that keeps its id is moved (staff)",
        "events",
        {200: StaffEventView, **SIGNED_IN_WRITE_REFUSALS},
        request=EventEdit,
        parameters=(_EVENT,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def edit_event(event_id: str) -> StaffEventView:
    request = event_routes.current_request
    caller = caller_from(request.context)
    edit = parse_body(request.raw_body, EventEdit)
    deps = dependencies.current()
    return events.edit_event(
        caller, event_id, edit, program=deps.program, repository=deps.events, clock=deps.clock
    )


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/work",
        "GET",
        "An event as staff work on it: draft or published, with its meeting link and seats (staff)",
        "events",
        {200: StaffEventView, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody},
        parameters=(_EVENT,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def work_on_event(event_id: str) -> StaffEventView:
    caller = caller_from(event_routes.current_request.context)
    deps = dependencies.current()
    return events.staff_event(
        caller, event_id, program=deps.program, repository=deps.events, clock=deps.clock
    )


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/publication",
        "POST",
        "Publish a draft event, as read at its version (staff)",
        "events",
        {200: StaffEventView, **SIGNED_IN_WRITE_REFUSALS},
        request=Publication,
        parameters=(_EVENT,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def publish_event(event_id: str) -> StaffEventView:
    request = event_routes.current_request
    caller = caller_from(request.context)
    publication = parse_body(request.raw_body, Publication)
    deps = dependencies.current()
    return events.publish_event(
        caller, event_id, publication, program=deps.program, repository=deps.events, clock=deps.clock
    )


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/calendar.ics",
        "GET",
        "A published event as an iCalendar file (RFC 5545): one VEVENT per session",
        "events",
        {200: None, 404: ErrorBody},
        parameters=(_EVENT,),
        media_type="text/calendar",
    ),
)
def event_calendar(event_id: str) -> Response:
    request = event_routes.current_request
    deps = dependencies.current()
    host = request.headers.get("host") or deps.program.id
    text = events.event_calendar(
        event_id, host, program=deps.program, repository=deps.events, clock=deps.clock
    )
    return Response(
        body=text,
        status_code=200,
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="event-{event_id}.ics"',
        },
    )


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/registrations",
        "POST",
        "Register for a published event while its window is open: confirmed while seats last, else "
        "waitlisted with a position; the confirmation code reaches the registration",
        "events",
        {201: RegistrantView, **_PUBLIC_REFUSALS},
        request=RegistrationForm,
        parameters=(_EVENT,),
        private=True,
    ),
)
def register(event_id: str) -> Response:
    form = parse_body(event_routes.current_request.raw_body, RegistrationForm)
    deps = dependencies.current()
    registered = registrations.register(
        event_id, form, program=deps.program, repository=deps.events, clock=deps.clock
    )
    return respond(registered, status=201)


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/registrations",
        "GET",
        "The roster: everyone registered, with their status (staff)",
        "events",
        {200: Roster, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody},
        parameters=(_EVENT,),
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def event_roster(event_id: str) -> Roster:
    caller = caller_from(event_routes.current_request.context)
    deps = dependencies.current()
    return registrations.event_roster(caller, event_id, program=deps.program, repository=deps.events)


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/registrations/{code}",
        "GET",
        "A registration, reached with its confirmation code: its status, and the meeting link once confirmed",
        "events",
        {200: RegistrantView, 404: ErrorBody},
        parameters=(_EVENT, _CODE),
        private=True,
    ),
)
def read_registration(event_id: str, code: str) -> RegistrantView:
    deps = dependencies.current()
    return registrations.registrant(event_id, code, program=deps.program, repository=deps.events)


@endpoint(
    event_routes,
    Operation(
        "/events/{event_id}/registrations/{code}/cancellation",
        "POST",
        "Cancel a registration: its holder with the code, or staff with a token; a freed seat goes to the "
        "first of the waitlist",
        "events",
        {200: RegistrantView, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody},
        parameters=(_EVENT, _CODE),
        optional_sign_in=True,
    ),
)
def cancel_registration(event_id: str, code: str) -> RegistrantView:
    request = event_routes.current_request
    caller = optional_caller(request.headers)
    deps = dependencies.current()
    return registrations.cancel(
        event_id, code, caller, program=deps.program, repository=deps.events, clock=deps.clock
    )
