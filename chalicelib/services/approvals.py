"""Staff decide submitted revisions (oldest first); approved revisions are what the public sees."""

from datetime import timedelta
from typing import Protocol

from chalicelib.domain import recommendation_review as review
from chalicelib.domain.access import require_staff
from chalicelib.domain.claims import reviewer_of
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import FieldProblem, NotFoundError
from chalicelib.domain.identity import Caller
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.domain.recommendation_records import (
    Recommendation,
    Revision,
    UnknownRevisionError,
)
from chalicelib.domain.recommendation_views import (
    ApprovalDecision,
    RecommendationClaim,
    RecommendationPage,
    WorkingView,
    summary,
    working_view,
)
from chalicelib.services.recommendations import RecommendationRepository
from chalicelib.services.stale_retries import retry_when_stale


class ApprovalRepository(RecommendationRepository, Protocol):
    def approval_queue(
        self, program_id: str, team: str | None, limit: int, cursor: str | None
    ) -> Page[Recommendation]: ...


def approval_queue(
    caller: Caller,
    *,
    team: str | None,
    limit: int,
    cursor: str | None,
    program: Program,
    repository: ApprovalRepository,
) -> RecommendationPage:
    require_staff(caller)
    page = repository.approval_queue(program.id, team, limit, cursor)
    return RecommendationPage(items=[summary(item) for item in page.items], cursor=page.cursor)


def decide_revision(
    caller: Caller,
    recommendation_id: str,
    decision: ApprovalDecision,
    *,
    repository: ApprovalRepository,
    clock: Clock,
) -> WorkingView:
    require_staff(caller)
    reviewer = reviewer_of(caller)

    def read_decide_write() -> None:
        whole = repository.get_whole(recommendation_id)
        if whole is None:
            raise NotFoundError("No recommendation has this id.")
        current, revisions, _events = whole
        revision = _revision(revisions, decision.revision)
        now = clock()
        if decision.action == "approve":
            change = review.approve(current, revision, reviewer, now, decision.comment)
        elif decision.action == "reject":
            change = review.reject(current, revision.number, reviewer, now, decision.comment or "")
        else:
            change = review.request_changes(
                current, revision, reviewer, now, decision.comment or "", decision.quote
            )
        repository.save(change, expected_version=current.version)

    retry_when_stale(read_decide_write, "The recommendation kept changing; read it again and retry.")
    found = repository.get_whole(recommendation_id)
    assert found is not None
    return working_view(*found)


def claim_for_review(
    caller: Caller, recommendation_id: str, *, repository: ApprovalRepository, clock: Clock, lease: timedelta
) -> RecommendationClaim:
    require_staff(caller)
    current = _existing(repository, recommendation_id)
    change = review.claim(current, reviewer_of(caller), clock(), lease)
    repository.save(change, expected_version=current.version)
    taken = change.recommendation.claim
    assert taken is not None
    return RecommendationClaim(
        recommendation_id=recommendation_id, claimed_by=taken.holder.name, until=taken.until
    )


def release_claim(
    caller: Caller, recommendation_id: str, *, repository: ApprovalRepository, clock: Clock
) -> None:
    require_staff(caller)
    current = _existing(repository, recommendation_id)
    repository.save(review.release(current, reviewer_of(caller), clock()), expected_version=current.version)


def _revision(revisions: list[Revision], number: int) -> Revision:
    found = next((revision for revision in revisions if revision.number == number), None)
    if found is None:
        raise UnknownRevisionError(
            f"There is no revision {number}.", [FieldProblem("revision", f"there is no revision {number}")]
        )
    return found


def _existing(repository: ApprovalRepository, recommendation_id: str) -> Recommendation:
    found = repository.get(recommendation_id)
    if found is None:
        raise NotFoundError("No recommendation has this id.")
    return found
