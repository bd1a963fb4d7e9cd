"""How a feedback item moves: screening, the moderation queue's claims and decisions, the team's inbox.

Every function takes the current item and returns the next one (its version one higher) with the audit
event that records the change; a move the table below does not list is refused.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.domain import claims
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import FieldProblem, InvalidTransitionError
from chalicelib.domain.feedback import (
    AuditEvent,
    Feedback,
    FeedbackStatus,
    RejectionReason,
    Screening,
    TeamState,
)

ALLOWED_MOVES: dict[FeedbackStatus, frozenset[FeedbackStatus]] = {
    FeedbackStatus.RECEIVED: frozenset({FeedbackStatus.SCREENED}),
    FeedbackStatus.SCREENED: frozenset({FeedbackStatus.PUBLISHED, FeedbackStatus.REJECTED}),
    FeedbackStatus.PUBLISHED: frozenset(),
    FeedbackStatus.REJECTED: frozenset(),
}
TEAM_MOVES: dict[TeamState, frozenset[TeamState]] = {
    TeamState.NEW: frozenset({TeamState.ACKNOWLEDGED, TeamState.CONSIDERED}),
    TeamState.ACKNOWLEDGED: frozenset({TeamState.CONSIDERED}),
    TeamState.CONSIDERED: frozenset(),
}
SCREENING_ACTOR = "screening"
CLAIMED_THING = "this item"


@dataclass(frozen=True)
class Transition:
    feedback: Feedback
    event: AuditEvent


def screen(feedback: Feedback, screening: Screening, public_body: str) -> Transition:
    _require_move(feedback, FeedbackStatus.SCREENED)
    now = screening.screened_at
    routed = not screening.spam
    return _moved(
        feedback,
        FeedbackStatus.SCREENED,
        action="screened",
        actor=SCREENING_ACTOR,
        at=now,
        reason=", ".join(screening.spam_signals) or None,
        screening=screening,
        public_body=public_body,
        queued_at=now if feedback.consent_to_publish else None,
        routed_at=now if routed else None,
        team_state=TeamState.NEW if routed else None,
    )


def claim(feedback: Feedback, reviewer: Reviewer, now: datetime, lease: timedelta) -> Transition:
    _require_queued(feedback)
    taken = claims.take(feedback.claim, reviewer, now, lease, CLAIMED_THING)
    claimed = feedback.model_copy(update={"claim": taken, "version": feedback.version + 1})
    return Transition(claimed, _event(feedback, "claimed", reviewer.name, now, taken.until.isoformat()))


def release(feedback: Feedback, reviewer: Reviewer, now: datetime) -> Transition:
    _require_queued(feedback)
    claims.require_free_for(feedback.claim, reviewer, now, CLAIMED_THING)
    released = _without_claim(feedback).model_copy(update={"version": feedback.version + 1})
    return Transition(released, _event(feedback, "released", reviewer.name, now))


def publish(
    feedback: Feedback, reviewer: Reviewer, now: datetime, *, listed: bool, redacted_body: str | None = None
) -> Transition:
    _require_decidable(feedback, reviewer, now, FeedbackStatus.PUBLISHED)
    return _moved(
        _without_claim(feedback),
        FeedbackStatus.PUBLISHED,
        action="published",
        actor=reviewer.name,
        at=now,
        reason="redacted by the reviewer" if redacted_body is not None else None,
        public_body=redacted_body if redacted_body is not None else feedback.public_body,
        queued_at=None,
        decided_at=now,
        decided_by=reviewer.name,
        published_at=now,
        listed_publicly=listed,
    )


def reject(feedback: Feedback, reviewer: Reviewer, now: datetime, reason: RejectionReason) -> Transition:
    _require_decidable(feedback, reviewer, now, FeedbackStatus.REJECTED)
    spam = reason == RejectionReason.SPAM
    return _moved(
        _without_claim(feedback),
        FeedbackStatus.REJECTED,
        action="rejected",
        actor=reviewer.name,
        at=now,
        reason=reason.value,
        queued_at=None,
        decided_at=now,
        decided_by=reviewer.name,
        rejection_reason=reason,
        routed_at=None if spam else feedback.routed_at,
        team_state=None if spam else feedback.team_state,
    )


def mark_by_team(feedback: Feedback, state: TeamState, member: str, now: datetime) -> Transition:
    current = feedback.team_state
    if current is None or state not in TEAM_MOVES[current]:
        raise InvalidTransitionError(
            f"The item cannot go from {current or 'outside the inbox'} to {state.value}.",
            [FieldProblem("state", f"cannot follow {current.value if current else 'nothing'}")],
        )
    marked = feedback.model_copy(update={"team_state": state, "version": feedback.version + 1})
    return Transition(marked, _event(feedback, state.value, member, now))


def _require_decidable(feedback: Feedback, reviewer: Reviewer, now: datetime, target: FeedbackStatus) -> None:
    _require_queued(feedback)
    claims.require_free_for(feedback.claim, reviewer, now, CLAIMED_THING)
    _require_move(feedback, target)


def _require_move(feedback: Feedback, target: FeedbackStatus) -> None:
    if target not in ALLOWED_MOVES[feedback.status]:
        raise InvalidTransitionError(f"The item is {feedback.status.value}; it cannot become {target.value}.")


def _require_queued(feedback: Feedback) -> None:
    if not feedback.in_moderation_queue:
        raise InvalidTransitionError(
            f"The item is not waiting for moderation (it is {feedback.status.value})."
        )


def _without_claim(feedback: Feedback) -> Feedback:
    return feedback.model_copy(update={"claim": None})


def _moved(
    feedback: Feedback,
    status: FeedbackStatus,
    *,
    action: str,
    actor: str,
    at: datetime,
    reason: str | None = None,
    **changes: object,
) -> Transition:
    moved = feedback.model_copy(update={**changes, "status": status, "version": feedback.version + 1})
    return Transition(moved, _event(feedback, action, actor, at, reason, to_status=status))


def _event(
    feedback: Feedback,
    action: str,
    actor: str,
    at: datetime,
    reason: str | None = None,
    to_status: FeedbackStatus | None = None,
) -> AuditEvent:
    return AuditEvent(
        subject_id=feedback.id,
        at=at,
        action=action,
        actor=actor,
        from_status=feedback.status,
        to_status=to_status or feedback.status,
        reason=reason,
    )
