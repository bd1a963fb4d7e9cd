"""Working days: Monday to Friday on the agency's clock, for how long review work may wait."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

SATURDAY = 5


def working_deadline(start: datetime, days: int, time_zone: str) -> datetime:
    """The moment `days` working days after `start`; work that arrives at a weekend starts on Monday."""
    local = start.astimezone(ZoneInfo(time_zone))
    while local.weekday() >= SATURDAY:
        local = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    remaining = days
    while remaining:
        local += timedelta(days=1)
        if local.weekday() < SATURDAY:
            remaining -= 1
    return local


def is_late(start: datetime, now: datetime, days: int, time_zone: str) -> bool:
    return now > working_deadline(start, days, time_zone)
