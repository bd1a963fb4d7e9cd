"""An event's staff exports: the roster with attendance, and the credit report; both read what the
attendance roster reads, so the credit report and the certificates agree row for row."""

from chalicelib.domain.access import require_staff
from chalicelib.domain.event_exports import CREDIT_COLUMNS, credit_rows, roster_columns, roster_row
from chalicelib.domain.exports import ExportPart
from chalicelib.domain.identity import Caller
from chalicelib.services.attendance import (
    EventReader,
    EventRecords,
    attendance_roster,
    existing_event,
    offered_credits,
)


def roster_export(
    caller: Caller, event_id: str, *, program_id: str, events: EventReader, records: EventRecords
) -> ExportPart:
    require_staff(caller)
    roster = attendance_roster(caller, event_id, program_id=program_id, events=events, records=records)
    registrations = sorted(events.registrations(program_id, event_id), key=lambda found: found.registered_at)
    rows = [roster_row(registration, roster) for registration in registrations]
    return ExportPart(columns=roster_columns(roster), rows=rows, cursor=None)


def credit_report(
    caller: Caller, event_id: str, *, program_id: str, events: EventReader, records: EventRecords
) -> ExportPart:
    require_staff(caller)
    event = existing_event(events, program_id, event_id)
    roster = attendance_roster(caller, event_id, program_id=program_id, events=events, records=records)
    return ExportPart(columns=CREDIT_COLUMNS, rows=credit_rows(roster, offered_credits(event)), cursor=None)
