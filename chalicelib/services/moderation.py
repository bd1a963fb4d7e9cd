"""Staff moderation: the queue oldest first, claims (leases), decisions on one item or a whole duplicate
cluster, and an item's full history."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from chalicelib.domain import moderation
from chalicelib.domain.access import require_staff
from chalicelib.domain.claims import Claim, Reviewer, reviewer_of
from chalicelib.domain.clock import Clock
from chalicelib.domain.clusters import ClusterSummary
from chalicelib.domain.errors import (
    ClaimHeldError,
    InvalidTransitionError,
    NotFoundError,
    StaleVersionError,
)
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus, RejectionReason
from chalicelib.domain.feedback_views import (
    ClaimView,
    Decision,
    DecisionResult,
    HistoryView,
    QueueItemView,
    QueuePage,
    SkippedItem,
    history_view,
    queue_item,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.moderation import Transition
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.services.stale_retries import retry_when_stale


class ModerationRepository(Protocol):
    def get(self, feedback_id: str) -> Feedback | None: ...

    def get_with_history(self, feedback_id: str) -> tuple[Feedback, list[AuditEvent]] | None: ...

    def save(self, transition: Transition, expected_version: int) -> None: ...

    def save_publication(
        self, transition: Transition, expected_version: int, cluster_id: str, *, representative: bool
    ) -> None: ...


class ModerationListings(Protocol):
    def moderation_queue(
        self, program_id: str, team: str | None, limit: int, cursor: str | None
    ) -> Page[Feedback]: ...


class ClusterIndex(Protocol):
    def clusters(self, cluster_ids: list[str]) -> dict[str, ClusterSummary]: ...

    def cluster_members(self, cluster_id: str) -> list[str]: ...

    def representative(self, cluster_id: str) -> str | None: ...


View = TypeVar("View")


def with_clusters(
    page: Page[Feedback], index: ClusterIndex, view: Callable[[Feedback, ClusterSummary | None], View]
) -> list[View]:
    """Each item of a page shown with its duplicate cluster, read in one batch for the whole page."""
    clusters = index.clusters([item.screening.cluster_id for item in page.items if item.screening])
    return [
        view(item, clusters.get(item.screening.cluster_id) if item.screening else None) for item in page.items
    ]


def moderation_queue(
    caller: Caller,
    *,
    team: str | None,
    limit: int,
    cursor: str | None,
    program: Program,
    listings: ModerationListings,
    index: ClusterIndex,
) -> QueuePage:
    require_staff(caller)
    page = listings.moderation_queue(program.id, team, limit, cursor)
    return QueuePage(items=with_clusters(page, index, queue_item), cursor=page.cursor)


def claim_item(
    caller: Caller, feedback_id: str, *, repository: ModerationRepository, clock: Clock, lease: timedelta
) -> ClaimView:
    require_staff(caller)

    def read_decide_write() -> Claim:
        feedback = _existing(repository, feedback_id)
        transition = moderation.claim(feedback, reviewer_of(caller), clock(), lease)
        repository.save(transition, feedback.version)
        assert transition.feedback.claim is not None
        return transition.feedback.claim

    # A worker may touch the item (its screening, an email sent) between the read and the write.
    taken = retry_when_stale(read_decide_write, "The item kept changing while being claimed; try again.")
    return ClaimView(feedback_id=feedback_id, claimed_by=taken.holder.name, until=taken.until)


def release_item(caller: Caller, feedback_id: str, *, repository: ModerationRepository, clock: Clock) -> None:
    require_staff(caller)

    def read_decide_write() -> None:
        feedback = _existing(repository, feedback_id)
        repository.save(moderation.release(feedback, reviewer_of(caller), clock()), feedback.version)

    retry_when_stale(read_decide_write, "The item kept changing while it was being released; try again.")


def decide(
    caller: Caller,
    feedback_id: str,
    decision: Decision,
    *,
    repository: ModerationRepository,
    index: ClusterIndex,
    clock: Clock,
) -> DecisionResult:
    require_staff(caller)
    reviewer = reviewer_of(caller)
    feedback = _existing(repository, feedback_id)
    _decide_one(feedback_id, decision, decision.redacted_body, reviewer, repository, index, clock())
    decided, skipped = [feedback_id], []
    if decision.whole_cluster and feedback.screening is not None:
        for member in index.cluster_members(feedback.screening.cluster_id):
            if member == feedback_id:
                continue
            try:
                _decide_one(member, decision, None, reviewer, repository, index, clock())
                decided.append(member)
            except (ClaimHeldError, InvalidTransitionError, NotFoundError, StaleVersionError) as error:
                skipped.append(SkippedItem(id=member, why=error.message))
    status = FeedbackStatus.PUBLISHED if decision.action == "publish" else FeedbackStatus.REJECTED
    return DecisionResult(decided=decided, skipped=skipped, status=status)


def item_history(caller: Caller, feedback_id: str, *, repository: ModerationRepository) -> HistoryView:
    require_staff(caller)
    found = repository.get_with_history(feedback_id)
    if found is None:
        raise NotFoundError("No feedback has this id.")
    return history_view(*found)


@dataclass(frozen=True)
class ItemUnderReview:
    """One item as a reviewer sees it, with what they may do to it now."""

    item: QueueItemView
    history: HistoryView
    queued: bool
    held_by_caller: bool
    held_by_another: bool

    @property
    def decidable(self) -> bool:
        return self.queued and not self.held_by_another


def item_under_review(
    caller: Caller, feedback_id: str, *, repository: ModerationRepository, index: ClusterIndex, clock: Clock
) -> ItemUnderReview:
    require_staff(caller)
    found = repository.get_with_history(feedback_id)
    if found is None:
        raise NotFoundError("No feedback has this id.")
    feedback, events = found
    cluster = None
    if feedback.screening is not None:
        cluster = index.clusters([feedback.screening.cluster_id]).get(feedback.screening.cluster_id)
    reviewer, now = reviewer_of(caller), clock()
    live = feedback.claim if feedback.claim is not None and feedback.claim.is_live(now) else None
    return ItemUnderReview(
        item=queue_item(feedback, cluster),
        history=history_view(feedback, events),
        queued=feedback.in_moderation_queue,
        held_by_caller=live is not None and live.is_held_by(reviewer),
        held_by_another=live is not None and not live.is_held_by(reviewer),
    )


def _decide_one(
    feedback_id: str,
    decision: Decision,
    redacted_body: str | None,
    reviewer: Reviewer,
    repository: ModerationRepository,
    index: ClusterIndex,
    now: datetime,
) -> None:
    def read_decide_write() -> None:
        feedback = _existing(repository, feedback_id)
        if decision.action == "reject":
            assert decision.reason is not None
            reason = RejectionReason(decision.reason)
            repository.save(moderation.reject(feedback, reviewer, now, reason), feedback.version)
            return
        _publish(feedback, redacted_body, reviewer, repository, index, now)

    retry_when_stale(read_decide_write, "The item kept changing while it was being decided; try again.")


def _publish(
    feedback: Feedback,
    redacted_body: str | None,
    reviewer: Reviewer,
    repository: ModerationRepository,
    index: ClusterIndex,
    now: datetime,
) -> None:
    if feedback.screening is None:
        raise InvalidTransitionError("The item has not been screened yet.")
    cluster_id = feedback.screening.cluster_id
    first_of_cluster = index.representative(cluster_id) is None
    transition = moderation.publish(
        feedback, reviewer, now, listed=first_of_cluster, redacted_body=redacted_body
    )
    repository.save_publication(transition, feedback.version, cluster_id, representative=first_of_cluster)


def _existing(repository: ModerationRepository, feedback_id: str) -> Feedback:
    feedback = repository.get(feedback_id)
    if feedback is None:
        raise NotFoundError("No feedback has this id.")
    return feedback
