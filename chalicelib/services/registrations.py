"""The public registers for a published event while its window is open: a seat while there is one, else
the next place on the waitlist. A registrant cancels with their code, staff with the roster; a freed
seat goes to the first in line, in the same write. The outbox emails each of them."""

import random
import time
from typing import Protocol

from chalicelib.domain.access import require_staff
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import NotFoundError, ServiceBusyError
from chalicelib.domain.event_views import RegistrantView, Roster, registrant_view, roster
from chalicelib.domain.events import (
    Event,
    EventFullError,
    Registration,
    RegistrationChangedError,
    RegistrationForm,
    Seats,
    WaitlistMovedError,
    new_confirmation_code,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.program import Program
from chalicelib.domain.registration import cancelled, check_form, check_window, new_registration, promoted
from chalicelib.services.events import published_event

# Each lost race means another registration landed; with hundreds at once, a late one may lose many.
ATTEMPTS = 400
REGISTRANT = "registrant"


class RegistrationRepository(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...

    def seats(self, program_id: str, event_id: str) -> Seats | None: ...

    def confirm(self, registration: Registration) -> None: ...

    def join_waitlist(self, registration: Registration) -> None: ...

    def registration(self, program_id: str, event_id: str, code: str) -> Registration | None: ...

    def registrations(self, program_id: str, event_id: str) -> list[Registration]: ...

    def first_waitlisted(self, program_id: str, event_id: str) -> Registration | None: ...

    def cancel(
        self, cancelled: Registration, was: Registration, promoted: Registration | None = None
    ) -> None: ...


def register(
    event_id: str,
    form: RegistrationForm,
    *,
    program: Program,
    repository: RegistrationRepository,
    clock: Clock,
) -> RegistrantView:
    """Confirmed while a seat is left, else waitlisted at the next position; never both, never twice."""
    event = published_event(event_id, program=program, repository=repository)
    now = clock()
    check_window(event, now, program.time_zone)
    check_form(event, form)
    code = new_confirmation_code()
    for attempt in range(ATTEMPTS):
        try:
            confirmed = new_registration(event, form, code, now)
            repository.confirm(confirmed)
            return registrant_view(event, confirmed, program.time_zone)
        except EventFullError:
            pass
        seats = repository.seats(program.id, event_id)
        if seats is None:
            raise NotFoundError("No such event.")
        if not seats.full:
            continue
        waiting = new_registration(event, form, code, now, position=seats.waitlist_last + 1)
        try:
            repository.join_waitlist(waiting)
            return registrant_view(event, waiting, program.time_zone)
        except WaitlistMovedError:
            _pause(attempt)
    raise ServiceBusyError("Many people are registering at once; please send it again in a moment.")


def registrant(
    event_id: str, code: str, *, program: Program, repository: RegistrationRepository
) -> RegistrantView:
    event = published_event(event_id, program=program, repository=repository)
    return registrant_view(event, _registration(event, code, repository), program.time_zone)


def cancel(
    event_id: str,
    code: str,
    caller: Caller | None,
    *,
    program: Program,
    repository: RegistrationRepository,
    clock: Clock,
) -> RegistrantView:
    """Cancels a registration: by its holder, who has the code, or by staff. A confirmed seat goes to the
    first of the waitlist in the same write."""
    if caller is not None:
        require_staff(caller)
    event = published_event(event_id, program=program, repository=repository)
    by = caller.display_name if caller is not None else REGISTRANT
    for attempt in range(ATTEMPTS):
        was = _registration(event, code, repository)
        now = clock()
        ending = cancelled(was, by, now)
        first = repository.first_waitlisted(program.id, event_id) if was.is_confirmed else None
        try:
            repository.cancel(ending, was, promoted(first, now) if first else None)
            return registrant_view(event, ending, program.time_zone)
        except RegistrationChangedError:
            _pause(attempt)
    raise ServiceBusyError(
        "Many people are changing registrations at once; please send it again in a moment."
    )


def event_roster(
    caller: Caller, event_id: str, *, program: Program, repository: RegistrationRepository
) -> Roster:
    require_staff(caller)
    event = repository.get(program.id, event_id)
    if event is None:
        raise NotFoundError("No such event.")
    return roster(event, repository.registrations(program.id, event_id))


def _registration(event: Event, code: str, repository: RegistrationRepository) -> Registration:
    found = repository.registration(event.program_id, event.id, code.strip().upper())
    if found is None:
        raise NotFoundError("No registration for this event has that confirmation code.")
    return found


def _pause(attempt: int) -> None:
    """A short random wait, so that those who lost a race do not meet again at once."""
    time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 10)))
