"""The staff CSV exports of an event: its roster with each person's attendance, and the credit report
(who earned what, and why not). Columns for the sessions follow the event's own sessions, in order."""

from chalicelib.domain.attendance_views import AttendanceRoster
from chalicelib.domain.certificates import EarnedCredit
from chalicelib.domain.events import Registration
from chalicelib.domain.exports import Row

ROSTER_COLUMNS = (
    "code",
    "name",
    "email",
    "role",
    "district",
    "school",
    "support_category",
    "status",
    "waitlist_position",
    "registered_at",
)
CREDIT_COLUMNS = (
    "code",
    "name",
    "email",
    "earned",
    "credits",
    "attended_minutes",
    "total_minutes",
    "share_percent",
    "reasons",
    "certificate_code",
)


def session_column(session_id: str) -> str:
    return f"minutes_{session_id}"


def roster_columns(roster: AttendanceRoster) -> tuple[str, ...]:
    sessions = tuple(session_column(session.id) for session in roster.sessions)
    return (*ROSTER_COLUMNS, *sessions, "attended_minutes", "share_percent")


def roster_row(registration: Registration, roster: AttendanceRoster) -> Row:
    attended = next((row for row in roster.rows if row.code == registration.code), None)
    row = {
        "code": registration.code,
        "name": registration.name,
        "email": registration.email,
        "role": registration.role or "",
        "district": registration.district or "",
        "school": registration.school or "",
        "support_category": registration.support_category.value if registration.support_category else "",
        "status": registration.status.value,
        "waitlist_position": str(registration.waitlist_position or ""),
        "registered_at": registration.registered_at.isoformat().replace("+00:00", "Z"),
        "attended_minutes": str(attended.attended_minutes) if attended else "",
        "share_percent": str(attended.share_percent) if attended else "",
    }
    for session in roster.sessions:
        minutes = attended.minutes_by_session.get(session.id) if attended else None
        row[session_column(session.id)] = "" if minutes is None else str(minutes)
    return row


def credit_rows(roster: AttendanceRoster, offered: list[EarnedCredit]) -> list[Row]:
    total = sum(session.minutes for session in roster.sessions)
    credits_text = "; ".join(f"{credit.kind} {credit.amount}" for credit in offered)
    return [
        {
            "code": row.code,
            "name": row.name,
            "email": row.email,
            "earned": "yes" if row.earned else "no",
            "credits": credits_text if row.earned else "",
            "attended_minutes": str(row.attended_minutes),
            "total_minutes": str(total),
            "share_percent": str(row.share_percent),
            "reasons": " ".join(row.reasons),
            "certificate_code": row.certificate_code or "",
        }
        for row in roster.rows
    ]
