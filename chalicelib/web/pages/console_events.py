"""Events in the staff console: every event, drafts included, with its seats; and an event's roster, where
staff cancel a registration (its seat goes to the first in line). Creating and editing events is the
API's for now (POST /events, POST /events/{id}/edits)."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.services import events, registrations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.rendering import redirect
from chalicelib.web.visit import Visit


def event_list(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    listed = events.staff_events(visit.caller, program=deps.program, repository=deps.events, clock=deps.clock)
    return render_with_program(visit, "console_events.html", private=True, listed=listed)


def roster(visit: Visit, request: Request, event_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    event = events.staff_event(
        visit.caller, event_id, program=deps.program, repository=deps.events, clock=deps.clock
    )
    found = registrations.event_roster(visit.caller, event_id, program=deps.program, repository=deps.events)
    return render_with_program(
        visit,
        "console_roster.html",
        private=True,
        event=event,
        roster=found,
        cancelled=visit.query.get("cancelled") == "1",
    )


def cancel(visit: Visit, request: Request, event_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    code = first(form_fields(request), "code")
    registrations.cancel(
        event_id, code, visit.caller, program=deps.program, repository=deps.events, clock=deps.clock
    )
    return redirect(visit.url(f"/console/events/{event_id}", cancelled="1"))
