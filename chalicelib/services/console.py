"""The staff console at a glance: how much waits in each review queue, for how long, and how much of it
is past the program's target age in working days."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from chalicelib.domain.access import require_staff
from chalicelib.domain.clock import Clock
from chalicelib.domain.identity import Caller
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.domain.working_days import is_late
from chalicelib.services.approvals import ApprovalRepository
from chalicelib.services.moderation import ModerationListings

_BATCH = 100
T = TypeVar("T")


@dataclass(frozen=True)
class QueueGlance:
    waiting: int
    oldest: datetime | None
    late: int


@dataclass(frozen=True)
class Glance:
    moderation: QueueGlance
    approval: QueueGlance
    target_working_days: int


def at_a_glance(
    caller: Caller,
    *,
    program: Program,
    listings: ModerationListings,
    recommendations: ApprovalRepository,
    clock: Clock,
) -> Glance:
    require_staff(caller)
    now, target = clock(), program.commitments.review_target_working_days

    def glance(waiting_since: list[datetime]) -> QueueGlance:
        return QueueGlance(
            waiting=len(waiting_since),
            oldest=min(waiting_since, default=None),
            late=sum(is_late(since, now, target, program.time_zone) for since in waiting_since),
        )

    moderation = _every(lambda cursor: listings.moderation_queue(program.id, None, _BATCH, cursor))
    approval = _every(lambda cursor: recommendations.approval_queue(program.id, None, _BATCH, cursor))
    return Glance(
        moderation=glance([item.queued_at or item.submitted_at for item in moderation]),
        approval=glance([item.updated_at for item in approval]),
        target_working_days=target,
    )


def _every(read: Callable[[str | None], Page[T]]) -> list[T]:
    found: list[T] = []
    cursor = None
    while True:
        page = read(cursor)
        found.extend(page.items)
        cursor = page.cursor
        if cursor is None:
            return found
