"""Staff review a submitted revision: a reviewer claims it (see claims), then approves it, requests
changes with a comment (quoting one of its paragraphs, if they like), or rejects the recommendation with
a reason. Approving publishes the revision."""

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import claims
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import FieldProblem, InvalidTransitionError, ValidationFailedError
from chalicelib.domain.recommendation_moves import (
    recorded_change,
    require_current,
    require_move,
    require_revision_of,
)
from chalicelib.domain.recommendation_records import (
    CONTROL_CHARACTERS,
    LONE_SURROGATE,
    Change,
    LastDecision,
    Publication,
    QuoteNotInRevisionError,
    Recommendation,
    RecommendationStatus,
    Revision,
)
from chalicelib.domain.text import is_blank

MAX_COMMENT = 5000
CLAIMED_THING = "this recommendation"


def approve(
    recommendation: Recommendation,
    revision: Revision,
    reviewer: Reviewer,
    now: datetime,
    comment: str | None = None,
) -> Change:
    """Publishes the submitted revision: it replaces the one the public saw, in every public listing."""
    require_revision_of(recommendation, revision)
    _require_decidable(recommendation, revision.number, RecommendationStatus.APPROVED)
    change = _decided(
        recommendation,
        RecommendationStatus.APPROVED,
        action="approved",
        reviewer=reviewer,
        at=now,
        revision=revision.number,
        comment=_comment(comment, required=False),
        publication=Publication(
            revision=revision.number,
            title=revision.title,
            policy_goals=revision.policy_goals,
            approved_at=now,
            submitted_at=recommendation.submitted_at,
        ),
        approved_revisions=(*recommendation.approved_revisions, revision.number),
        first_approved_at=recommendation.first_approved_at or now,
    )
    listed = change.recommendation.listings()
    return replace(change, listed=listed, unlisted=recommendation.listings() - listed)


def request_changes(
    recommendation: Recommendation,
    revision: Revision,
    reviewer: Reviewer,
    now: datetime,
    comment: str,
    quote: str | None = None,
) -> Change:
    """Sends the submitted revision back with a comment; `quote` must be one of its paragraphs."""
    require_revision_of(recommendation, revision)
    _require_decidable(recommendation, revision.number, RecommendationStatus.CHANGES_REQUESTED)
    return _decided(
        recommendation,
        RecommendationStatus.CHANGES_REQUESTED,
        action="changes_requested",
        reviewer=reviewer,
        at=now,
        revision=revision.number,
        comment=_comment(comment, required=True),
        quote=_quoted_paragraph(revision, quote) if quote is not None else None,
    )


def reject(
    recommendation: Recommendation, revision_number: int, reviewer: Reviewer, now: datetime, reason: str
) -> Change:
    _require_decidable(recommendation, revision_number, RecommendationStatus.REJECTED)
    return _decided(
        recommendation,
        RecommendationStatus.REJECTED,
        action="rejected",
        reviewer=reviewer,
        at=now,
        revision=revision_number,
        comment=_comment(reason, required=True, field="reason"),
    )


def claim(recommendation: Recommendation, reviewer: Reviewer, now: datetime, lease: timedelta) -> Change:
    """A lease on a submitted revision, so that no other reviewer decides it meanwhile."""
    _require_waiting(recommendation)
    taken = claims.take(recommendation.claim, reviewer, now, lease, CLAIMED_THING)
    return recorded_change(
        recommendation,
        recommendation.status,
        action="claimed",
        actor=reviewer.name,
        at=now,
        revision=recommendation.submitted_revision or recommendation.current_revision,
        comment=f"until {taken.until.isoformat()}",
        claim=taken,
    )


def release(recommendation: Recommendation, reviewer: Reviewer, now: datetime) -> Change:
    _require_waiting(recommendation)
    claims.require_free_for(recommendation.claim, reviewer, now, CLAIMED_THING)
    return recorded_change(
        recommendation,
        recommendation.status,
        action="released",
        actor=reviewer.name,
        at=now,
        revision=recommendation.submitted_revision or recommendation.current_revision,
        claim=None,
    )


def _require_decidable(recommendation: Recommendation, number: int, target: RecommendationStatus) -> None:
    require_current(recommendation, number)
    require_move(recommendation, target)


def _require_waiting(recommendation: Recommendation) -> None:
    if recommendation.status != RecommendationStatus.SUBMITTED:
        raise InvalidTransitionError(
            f"The recommendation is {recommendation.status.value}, not waiting for approval."
        )


def _comment(value: str | None, *, required: bool, field: str = "comment") -> str | None:
    text = (value or "").strip()
    if is_blank(text):
        if required:
            problem = "is required" if value is None else "must not be empty"
            raise ValidationFailedError(f"A {field} is required.", [FieldProblem(field, problem)])
        return None
    if len(text) > MAX_COMMENT or CONTROL_CHARACTERS.search(text):
        raise ValidationFailedError(
            f"The {field} must be at most {MAX_COMMENT} printable characters.",
            [FieldProblem(field, f"must be at most {MAX_COMMENT} printable characters")],
        )
    return LONE_SURROGATE.sub("\ufffd", text)


def _quoted_paragraph(revision: Revision, quote: str) -> str:
    wanted = _normalized(quote)
    for paragraph in revision.paragraphs():
        if _normalized(paragraph) == wanted:
            return paragraph
    raise QuoteNotInRevisionError(
        f"The quote is not a paragraph of revision {revision.number}.",
        [FieldProblem("quote", f"is not a paragraph of revision {revision.number}")],
    )


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _decided(
    recommendation: Recommendation,
    status: RecommendationStatus,
    *,
    action: str,
    reviewer: Reviewer,
    at: datetime,
    revision: int,
    comment: str | None,
    quote: str | None = None,
    **changes: Any,
) -> Change:
    claims.require_free_for(recommendation.claim, reviewer, at, CLAIMED_THING)
    return recorded_change(
        recommendation,
        status,
        action=action,
        actor=reviewer.name,
        at=at,
        revision=revision,
        comment=comment,
        quote=quote,
        submitted_revision=None,
        submitted_at=None,
        claim=None,
        last_decision=LastDecision(
            action=action, revision=revision, reviewer=reviewer.name, at=at, comment=comment
        ),
        **changes,
    )
