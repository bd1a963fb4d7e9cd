"""How a recommendation may move, and how each move is recorded. Every change is one audit event
chained to the last, so a recommendation's version is the sequence of its last event, and its
`last_event_hash` is the head of its audit chain. Drafting (recommendation_drafting), review
(recommendation_review) and links (recommendation_links) each make their moves through this module.

The moves (ALLOWED_MOVES):
- draft → draft: another revision. submitted → draft: a revision written while one waits for approval
  takes the waiting one out of the queue (the team keeps working; nobody's edit is refused or lost),
  and a decision about the waiting revision then meets a conflict naming the new one.
- approved → draft and changes requested → draft: a new revision is a new draft. An approved
  recommendation stays published at its approved revision while the next one is drafted.
- draft → submitted only: a revision that was sent back is revised before it is submitted again.
- submitted → approved, changes requested or rejected: the staff's decisions.
- rejected is final. Staff reject a recommendation as a whole; "request changes" is how they send one
  back. If a rejected recommendation could be revised, rejecting would mean the same as requesting
  changes, and the public record of what was turned down could quietly change. A team that wants to
  try again starts a new recommendation, with its own trail.
"""

from datetime import datetime

from chalicelib.domain.audit_chain import ChainHead, seal
from chalicelib.domain.errors import FieldProblem, InvalidTransitionError
from chalicelib.domain.recommendation_records import (
    Change,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Revision,
    SupersededRevisionError,
    UnknownRevisionError,
)

ALLOWED_MOVES: dict[RecommendationStatus, frozenset[RecommendationStatus]] = {
    RecommendationStatus.DRAFT: frozenset({RecommendationStatus.DRAFT, RecommendationStatus.SUBMITTED}),
    RecommendationStatus.SUBMITTED: frozenset(
        {
            RecommendationStatus.DRAFT,
            RecommendationStatus.APPROVED,
            RecommendationStatus.CHANGES_REQUESTED,
            RecommendationStatus.REJECTED,
        }
    ),
    RecommendationStatus.APPROVED: frozenset({RecommendationStatus.DRAFT}),
    RecommendationStatus.CHANGES_REQUESTED: frozenset({RecommendationStatus.DRAFT}),
    RecommendationStatus.REJECTED: frozenset(),
}


def require_move(recommendation: Recommendation, target: RecommendationStatus) -> None:
    if target not in ALLOWED_MOVES[recommendation.status]:
        raise InvalidTransitionError(
            f"The recommendation is {recommendation.status.value}; it cannot become {target.value}.",
            [FieldProblem("status", f"{target.value} cannot follow {recommendation.status.value}")],
        )


def require_current(recommendation: Recommendation, number: int) -> None:
    """Submissions and decisions are about the current revision; an older one has been superseded."""
    current = recommendation.current_revision
    if not 1 <= number <= current:
        raise UnknownRevisionError(
            f"There is no revision {number}; the latest is {current}.",
            [FieldProblem("revision", f"there is no revision {number}")],
        )
    if number != current:
        raise SupersededRevisionError(
            f"Revision {number} has been replaced by revision {current}.",
            [FieldProblem("revision", f"is {number}; the current revision is {current}")],
            current_revision=current,
        )


def require_revision_of(recommendation: Recommendation, revision: Revision) -> None:
    if revision.recommendation_id != recommendation.id:
        raise UnknownRevisionError(
            f"Revision {revision.number} belongs to another recommendation.",
            [FieldProblem("revision", "belongs to another recommendation")],
        )


def recorded_change(
    recommendation: Recommendation,
    status: RecommendationStatus,
    *,
    action: str,
    actor: str,
    at: datetime,
    revision: int,
    comment: str | None = None,
    quote: str | None = None,
    feedback_id: str | None = None,
    **changes: object,
) -> Change:
    """The recommendation after one change, and the audit event that records it, chained to the last."""
    event = chained_event(
        recommendation.id,
        recommendation.audit_head,
        action=action,
        actor=actor,
        at=at,
        from_status=recommendation.status,
        to_status=status,
        revision=revision,
        comment=comment,
        quote=quote,
        feedback_id=feedback_id,
    )
    moved = recommendation.model_copy(
        update={
            **changes,
            "status": status,
            "updated_at": at,
            "version": event.sequence,
            "last_event_hash": event.hash,
        }
    )
    return Change(moved, event)


def chained_event(
    subject_id: str,
    head: ChainHead,
    *,
    action: str,
    actor: str,
    at: datetime,
    from_status: RecommendationStatus | None,
    to_status: RecommendationStatus,
    revision: int,
    comment: str | None = None,
    quote: str | None = None,
    feedback_id: str | None = None,
) -> RecommendationEvent:
    """The audit event of one change, sealed onto the chain whose head is `head`."""
    fields = {
        "subject_id": subject_id,
        "at": at,
        "action": action,
        "actor": actor,
        "from_status": from_status,
        "to_status": to_status,
        "revision": revision,
        "comment": comment,
        "quote": quote,
        "feedback_id": feedback_id,
    }
    return seal(RecommendationEvent, head, fields)
