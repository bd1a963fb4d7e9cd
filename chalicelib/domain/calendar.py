"""An event as an iCalendar file (RFC 5545): one VEVENT per session, its times in UTC, so every calendar
places them right whatever the daylight-saving rules of the reader's zone."""

from datetime import datetime

from chalicelib.domain.events import Event

_LINE_OCTETS = 75


def calendar_file(event: Event, host: str, stamped_at: datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(host)}//Public review events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    count = len(event.sessions)
    ordered = sorted(event.sessions, key=lambda session: session.starts_at)
    for number, session in enumerate(ordered, start=1):
        summary = event.title if count == 1 else f"{event.title} ({number} of {count})"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}-{session.id}@{host}",
            f"DTSTAMP:{_utc(stamped_at)}",
            f"DTSTART:{_utc(session.starts_at)}",
            f"DTEND:{_utc(session.ends_at)}",
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(event.description)}",
            f"ORGANIZER;CN={_parameter(event.contact.name)}:mailto:{event.contact.email}",
            f"SEQUENCE:{event.version}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines)


def _utc(at: datetime) -> str:
    return at.strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _parameter(value: str) -> str:
    """A parameter value may not hold a double quote; quoted, it may hold anything else."""
    return '"' + value.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _folded(line: str) -> str:
    """Lines longer than 75 octets continue on the next after a space, never inside a UTF-8 sequence."""
    parts, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        if size + width > _LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += character
        size += width
    parts.append(current)
    return "\r\n".join(parts)
