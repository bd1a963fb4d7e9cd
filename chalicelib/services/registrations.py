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
    RegistrationStatus,
    Seats,
    WaitlistMovedError,
    new_confirmation_code,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.program import Program
from chalicelib.domain.registration import cancelled, check_form, check_window, new_registration, promoted
from chalicelib.services.events import published_event

# A seat and the line can only trade places when a seat comes free between two writes: rare, and brief.
ATTEMPTS = 10
REGISTRANT = "registrant"


class RegistrationRepository(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...

    def seats(self, program_id: str, event_id: str) -> Seats | None: ...

    def hold_address(self, registration: Registration) -> None: ...

    def release_address(self, registration: Registration) -> None: ...

    def confirm(self, registration: Registration) -> None: ...

    def next_place_in_line(self, program_id: str, event_id: str) -> int: ...

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
    held = new_registration(event, form, code, now)
    repository.hold_address(held)
    try:
        return registrant_view(event, _seat_or_place(held, repository), program.time_zone)
    except Exception:
        repository.release_address(held)
        raise


def _seat_or_place(confirmed: Registration, repository: RegistrationRepository) -> Registration:
    event_id, program_id = confirmed.event_id, confirmed.program_id
    for _ in range(ATTEMPTS):
        try:
            repository.confirm(confirmed)
            return confirmed
        except EventFullError:
            pass
        try:
            position = repository.next_place_in_line(program_id, event_id)
        except WaitlistMovedError:
            continue
        waiting = confirmed.model_copy(
            update={"status": RegistrationStatus.WAITLISTED, "waitlist_position": position}
        )
        repository.join_waitlist(waiting)
        return waiting
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
    time.sleep(random.uniform(0, min(0.25, 0.004 * 2**attempt)))
