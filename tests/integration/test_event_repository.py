"""The event repository on moto: seats are taken only while there are some, the waitlist gives each
place once and in order, one address registers once, and a cancelled seat goes to the first in line in
the same write."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.event_repository import DynamoEventRepository
from chalicelib.domain.events import (
    AlreadyRegisteredError,
    CapacityBelowConfirmedError,
    Contact,
    Event,
    EventFullError,
    EventSession,
    EventStatus,
    Registration,
    RegistrationStatus,
    WaitlistMovedError,
    new_confirmation_code,
)
from chalicelib.domain.ids import new_id

NOW = datetime(2027, 2, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def repository(shared_table):
    return DynamoEventRepository(*shared_table)


def an_event(capacity: int = 2, status: EventStatus = EventStatus.PUBLISHED) -> Event:
    start = datetime(2027, 3, 25, 14, 0, tzinfo=UTC)
    return Event(
        id=new_id(NOW),
        program_id="msip-6",
        status=status,
        title="Spring convening",
        description="Two and a half days.",
        kind="convening",
        sessions=(EventSession(id="day-1", starts_at=start, ends_at=start + timedelta(hours=3)),),
        registration_opens_at=NOW,
        registration_closes_at=NOW + timedelta(days=30),
        capacity=capacity,
        credits=({"kind": "CEU", "amount": 1.3},),
        contact=Contact(name="Pat Lee", email="pat@example.org"),
        meeting_link="https://meet.example.org/spring",
        created_at=NOW,
        created_by="staff",
        updated_at=NOW,
    )


def a_registration(event: Event, email: str, status: RegistrationStatus, position: int | None = None):
    return Registration(
        event_id=event.id,
        program_id=event.program_id,
        code=new_confirmation_code(),
        name="Sam",
        email=email,
        status=status,
        waitlist_position=position,
        registered_at=NOW,
        updated_at=NOW,
    )


def test_an_event_reads_back_as_it_was_stored_and_only_a_published_one_is_listed(repository):
    published, draft = an_event(), an_event(status=EventStatus.DRAFT)
    repository.create(published)
    repository.create(draft)

    assert repository.get("msip-6", published.id) == published
    assert published.id in [event.id for event in repository.published("msip-6")]
    assert draft.id not in [event.id for event in repository.published("msip-6")]
    assert draft.id in [event.id for event in repository.every_event("msip-6")]
    assert repository.seats("msip-6", published.id).capacity == 2


def confirmed(repository, event, email):
    registration = a_registration(event, email, RegistrationStatus.CONFIRMED)
    repository.hold_address(registration)
    repository.confirm(registration)
    return registration


def waitlisted(repository, event, email):
    registration = a_registration(event, email, RegistrationStatus.WAITLISTED)
    repository.hold_address(registration)
    position = repository.next_place_in_line("msip-6", event.id)
    placed = registration.model_copy(update={"waitlist_position": position})
    repository.join_waitlist(placed)
    return placed


def test_seats_run_out_then_the_waitlist_gives_places_in_order_and_an_address_registers_once(repository):
    event = an_event(capacity=1)
    repository.create(event)
    with pytest.raises(WaitlistMovedError):
        repository.next_place_in_line("msip-6", event.id)
    confirmed(repository, event, "a@example.org")

    late = a_registration(event, "b@example.org", RegistrationStatus.CONFIRMED)
    repository.hold_address(late)
    with pytest.raises(EventFullError):
        repository.confirm(late)
    repository.release_address(late)
    first, second = (
        waitlisted(repository, event, "b@example.org"),
        waitlisted(repository, event, "c@example.org"),
    )
    with pytest.raises(AlreadyRegisteredError):
        repository.hold_address(a_registration(event, "B@example.org", RegistrationStatus.WAITLISTED))

    seats = repository.seats("msip-6", event.id)
    assert (seats.confirmed, seats.waitlist_last) == (1, 2)
    assert (first.waitlist_position, second.waitlist_position) == (1, 2)
    assert repository.first_waitlisted("msip-6", event.id) == first


def test_a_cancelled_seat_goes_to_the_first_in_line_and_the_address_may_register_again(repository):
    event = an_event(capacity=1)
    repository.create(event)
    seated = confirmed(repository, event, "a@example.org")
    waiting = waitlisted(repository, event, "b@example.org")

    cancelled = seated.model_copy(update={"status": RegistrationStatus.CANCELLED, "version": 2})
    promoted = waiting.model_copy(update={"status": RegistrationStatus.CONFIRMED, "version": 2})
    repository.cancel(cancelled, seated, promoted)

    assert repository.registration("msip-6", event.id, seated.code).status == RegistrationStatus.CANCELLED
    assert repository.registration("msip-6", event.id, waiting.code).status == RegistrationStatus.CONFIRMED
    assert repository.first_waitlisted("msip-6", event.id) is None
    assert repository.seats("msip-6", event.id).confirmed == 1
    assert waitlisted(repository, event, "a@example.org").waitlist_position == 2


def test_capacity_never_falls_below_the_seats_taken(repository):
    event = an_event(capacity=2)
    repository.create(event)
    confirmed(repository, event, "a@example.org")
    confirmed(repository, event, "b@example.org")

    with pytest.raises(CapacityBelowConfirmedError):
        repository.save(event.model_copy(update={"capacity": 1, "version": 2}), expected_version=1)
    repository.save(event.model_copy(update={"capacity": 3, "version": 2}), expected_version=1)
    assert repository.seats("msip-6", event.id).capacity == 3


def test_a_hold_whose_registration_never_came_is_taken_over_only_once_it_is_abandoned(repository):
    event = an_event(capacity=5)
    repository.create(event)
    abandoned = a_registration(event, "d@example.org", RegistrationStatus.CONFIRMED)
    repository.hold_address(abandoned)
    soon = a_registration(event, "d@example.org", RegistrationStatus.CONFIRMED)
    later = soon.model_copy(update={"registered_at": NOW + timedelta(minutes=6)})

    with pytest.raises(AlreadyRegisteredError):
        repository.hold_address(soon)
    repository.hold_address(later)
    repository.confirm(later)
    with pytest.raises(AlreadyRegisteredError):
        repository.hold_address(
            a_registration(event, "d@example.org", RegistrationStatus.CONFIRMED).model_copy(
                update={"registered_at": NOW + timedelta(hours=1)}
            )
        )
