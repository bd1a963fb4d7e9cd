"""Who may register for an event, and when: the window in the agency's zone, the fields the audience asks
for, and one registration per address. Seats and the waitlist are kept by the repository's conditional
writes; this module decides only what a registration says."""

from datetime import datetime
from zoneinfo import ZoneInfo

from chalicelib.domain.errors import ConflictError, FieldProblem, ValidationFailedError
from chalicelib.domain.events import Event, Registration, RegistrationForm, RegistrationStatus


class RegistrationNotOpenError(ConflictError):
    pass


class RegistrationClosedError(ConflictError):
    pass


class NotInAudienceError(ValidationFailedError):
    pass


def local_time_text(at: datetime, time_zone: str) -> str:
    """A moment as the agency's zone reads it: "March 20, 2027 at 11:59 PM CDT"."""
    local = at.astimezone(ZoneInfo(time_zone))
    return f"{local:%B} {local.day}, {local.year} at {local:%I:%M %p %Z}".replace(" at 0", " at ")


def check_window(event: Event, at: datetime, time_zone: str) -> None:
    """Registration is open from its opening moment up to, not including, its closing moment."""
    if at < event.registration_opens_at:
        opens = local_time_text(event.registration_opens_at, time_zone)
        raise RegistrationNotOpenError(
            f"Registration opens on {opens}.",
            [FieldProblem("registration_opens_at", f"registration opens on {opens} ({time_zone})")],
        )
    if at >= event.registration_closes_at:
        closed = local_time_text(event.registration_closes_at, time_zone)
        raise RegistrationClosedError(
            f"Registration closed on {closed}.",
            [FieldProblem("registration_closes_at", f"registration closed on {closed} ({time_zone})")],
        )


def check_form(event: Event, form: RegistrationForm) -> None:
    """An event for schools asks for the district, the school and its support category, and admits only
    schools in the categories it serves."""
    if event.audience.is_public:
        return
    missing = [
        FieldProblem(name, "is required for this event")
        for name in ("district", "school", "support_category")
        if getattr(form, name) is None
    ]
    if missing:
        raise ValidationFailedError("This event is for schools: say which one.", missing)
    if not event.audience.admits(form.support_category):
        served = ", ".join(event.audience.support_categories)
        raise NotInAudienceError(
            f"This event is for schools identified for {served}.",
            [FieldProblem("support_category", f"must be one of {served} for this event")],
        )


def new_registration(
    event: Event, form: RegistrationForm, code: str, at: datetime, position: int | None = None
) -> Registration:
    """The registration as stored: confirmed, or waitlisted at `position`."""
    return Registration(
        event_id=event.id,
        program_id=event.program_id,
        code=code,
        name=form.name,
        email=form.email,
        role=form.role,
        district=form.district,
        school=form.school,
        support_category=form.support_category,
        status=RegistrationStatus.WAITLISTED if position is not None else RegistrationStatus.CONFIRMED,
        waitlist_position=position,
        registered_at=at,
        updated_at=at,
    )


def cancelled(registration: Registration, by: str, at: datetime) -> Registration:
    if registration.status == RegistrationStatus.CANCELLED:
        raise ConflictError("This registration is already cancelled.")
    return registration.model_copy(
        update={
            "status": RegistrationStatus.CANCELLED,
            "cancelled_at": at,
            "cancelled_by": by,
            "updated_at": at,
            "version": registration.version + 1,
        }
    )


def promoted(registration: Registration, at: datetime) -> Registration:
    assert registration.status == RegistrationStatus.WAITLISTED
    return registration.model_copy(
        update={
            "status": RegistrationStatus.CONFIRMED,
            "promoted_at": at,
            "updated_at": at,
            "version": registration.version + 1,
        }
    )
