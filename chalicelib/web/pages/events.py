"""Events for everyone: the list, one event with its sessions in the agency's zone and its calendar file,
the registration form, and the registrant's own page, reached with their confirmation code, where they
see their status, the meeting link once they have a seat, and cancel."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import DomainError, ValidationFailedError
from chalicelib.domain.event_views import PublicEventView
from chalicelib.domain.events import AlreadyRegisteredError, RegistrationForm, SupportCategory
from chalicelib.domain.registration import (
    NotInAudienceError,
    RegistrationClosedError,
    RegistrationNotOpenError,
)
from chalicelib.services import events, registrations
from chalicelib.services.recordings import recordings_of
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.rendering import redirect
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

FORM_FIELDS = ("name", "email", "role", "district", "school", "support_category")
SCHOOL_FIELDS = ("district", "school", "support_category")


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


FIELD_MESSAGES = {
    "name": _("Enter your name"),
    "email": _("Enter an email address in the correct format, like name@example.com"),
    "role": _("Enter your role in 200 characters or fewer"),
    "district": _("Enter your school district"),
    "school": _("Enter your school"),
    "support_category": _("Choose your school's support category"),
}
ALREADY_REGISTERED = _("This email address is already registered for this event")
NOT_IN_AUDIENCE = _("This event is for schools identified for %(categories)s")
NOT_OPEN = _("Registration opens on %(when)s")
CLOSED = _("Registration closed on %(when)s")


def event_list(visit: Visit, request: Request) -> Response:
    deps = dependencies.current()
    listed = events.public_events(None, program=deps.program, repository=deps.events, clock=deps.clock)
    return render_with_program(visit, "events.html", listed=listed, when=_when_for(visit))


def event_page(visit: Visit, request: Request, event_id: str) -> Response:
    deps = dependencies.current()
    shown = events.public_event(event_id, program=deps.program, repository=deps.events, clock=deps.clock)
    posted = recordings_of(event_id, program_id=deps.program.id, events=deps.events, store=deps.event_records)
    return render_with_program(
        visit,
        "event.html",
        event=shown,
        when=_when_for(visit),
        recordings=posted.items,
        session_numbers={session.id: position for position, session in enumerate(shown.sessions, start=1)},
    )


def registration_form(visit: Visit, request: Request, event_id: str) -> Response:
    return _form(visit, event_id, dict.fromkeys(FORM_FIELDS, ""))


def send_registration(visit: Visit, request: Request, event_id: str) -> Response:
    fields = form_fields(request)
    entry = {name: first(fields, name).strip() for name in FORM_FIELDS}
    deps = dependencies.current()
    try:
        form = RegistrationForm.model_validate({name: value or None for name, value in entry.items()})
        registered = registrations.register(
            event_id, form, program=deps.program, repository=deps.events, clock=deps.clock
        )
    except ValidationError as error:
        return _form(
            visit, event_id, entry, [str(detail["loc"][0]) for detail in error.errors() if detail["loc"]]
        )
    except (
        AlreadyRegisteredError,
        NotInAudienceError,
        RegistrationNotOpenError,
        RegistrationClosedError,
    ) as error:
        return _form(visit, event_id, entry, refusal=error)
    except ValidationFailedError as error:
        return _form(visit, event_id, entry, [problem.field for problem in error.fields])
    return redirect(visit.url(f"/events/{event_id}/registrations/{registered.code}", registered="1"))


def registrant_page(visit: Visit, request: Request, event_id: str, code: str) -> Response:
    deps = dependencies.current()
    shown = registrations.registrant(event_id, code, program=deps.program, repository=deps.events)
    event = events.public_event(event_id, program=deps.program, repository=deps.events, clock=deps.clock)
    return render_with_program(
        visit,
        "registrant.html",
        private=True,
        event=event,
        registration=shown,
        just_registered=visit.query.get("registered") == "1",
        just_cancelled=visit.query.get("cancelled") == "1",
        when=_when_for(visit),
    )


def cancel_registration(visit: Visit, request: Request, event_id: str, code: str) -> Response:
    deps = dependencies.current()
    registrations.cancel(event_id, code, None, program=deps.program, repository=deps.events, clock=deps.clock)
    return redirect(visit.url(f"/events/{event_id}/registrations/{code}", cancelled="1"))


def _form(
    visit: Visit,
    event_id: str,
    entry: dict[str, str],
    problems: list[str] | None = None,
    refusal: DomainError | None = None,
) -> Response:
    deps = dependencies.current()
    shown = events.public_event(event_id, program=deps.program, repository=deps.events, clock=deps.clock)
    when = _when_for(visit)
    if problems and shown.audience.support_categories:
        # The audience's own questions are checked after the fields: say at once all that is missing.
        problems = [*problems, *(name for name in SCHOOL_FIELDS if not entry[name])]
    errors = (
        _field_errors(visit, problems or []) if refusal is None else _refusal(visit, refusal, shown, when)
    )
    return render_with_program(
        visit,
        "event_registration.html",
        status=400 if errors else 200,
        private=bool(errors),
        event=shown,
        entry=entry,
        errors=errors,
        categories=[(category.value, category.value) for category in SupportCategory],
        when=when,
    )


def _field_errors(visit: Visit, names: list[str]) -> dict[str, str]:
    words = Words(visit.language)
    wanted = set(names)
    return {name: words.gettext(FIELD_MESSAGES[name]) for name in FORM_FIELDS if name in wanted}


def _refusal(
    visit: Visit, error: DomainError, event: PublicEventView, when: Callable[[datetime], str]
) -> dict[str, str]:
    words = Words(visit.language)
    if isinstance(error, AlreadyRegisteredError):
        return {"email": words.gettext(ALREADY_REGISTERED)}
    if isinstance(error, NotInAudienceError):
        served = ", ".join(event.audience.support_categories)
        return {"support_category": words.gettext(NOT_IN_AUDIENCE, categories=served)}
    if isinstance(error, RegistrationNotOpenError):
        return {"name": words.gettext(NOT_OPEN, when=when(event.registration_opens_at))}
    return {"name": words.gettext(CLOSED, when=when(event.registration_closes_at))}


def _when_for(visit: Visit) -> Callable[[datetime], str]:
    """A moment in the agency's zone, in the visitor's language: "March 25, 2027, 9:00 AM CDT"."""
    words = Words(visit.language)
    zone = ZoneInfo(dependencies.current().program.time_zone)

    def when(moment: datetime, with_date: bool = True) -> str:
        from babel.dates import format_time

        local = moment.astimezone(zone)
        time = f"{format_time(local, format='short', locale=visit.language)} {local.strftime('%Z')}"
        return f"{words.date(local)}, {time}" if with_date else time

    return when
