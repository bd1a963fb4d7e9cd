"""Recommendations: a team drafts one in immutable revisions, submits a revision, and staff decide it.

Every function takes the current recommendation and returns the next one with the audit event that
records the change (and, for a new revision, the revision). Each change is one event, so a
recommendation's version is the sequence of its last event, and its `last_event_hash` is the head of
its audit chain.

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

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.audit_chain import GENESIS, ChainHead, seal
from chalicelib.domain.errors import (
    ClaimHeldError,
    FieldProblem,
    ForbiddenError,
    InvalidTransitionError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_records import (
    CONTROL_CHARACTERS,
    LONE_SURROGATE,
    Change,
    LastDecision,
    Publication,
    QuoteNotInRevisionError,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Revision,
    RevisionDiff,
    RevisionDraft,
    StaleRevisionError,
    SupersededRevisionError,
    UnknownRevisionError,
)
from chalicelib.domain.text import is_blank
from chalicelib.domain.text_diff import diff_document

MAX_COMMENT = 5000

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


def require_drafting_access(caller: Caller, team: str) -> None:
    if not caller.is_member_of(team):
        raise ForbiddenError("Only this team's members may write its recommendations.")


def create(
    *, recommendation_id: str, program_id: str, team: str, draft: RevisionDraft, author: str, now: datetime
) -> Change:
    revision = _revision(recommendation_id, 1, draft, author, now)
    event = _event(
        recommendation_id,
        GENESIS,
        action="created",
        actor=author,
        at=now,
        from_status=None,
        to_status=RecommendationStatus.DRAFT,
        revision=1,
        comment=draft.change_summary,
    )
    recommendation = Recommendation(
        id=recommendation_id,
        program_id=program_id,
        team=team,
        title=revision.title,
        status=RecommendationStatus.DRAFT,
        current_revision=1,
        created_by=author,
        created_at=now,
        updated_at=now,
        version=event.sequence,
        last_event_hash=event.hash,
    )
    return Change(recommendation, event, revision)


def revise(
    recommendation: Recommendation, base_revision: int, draft: RevisionDraft, author: str, now: datetime
) -> Change:
    """A new revision written against `base_revision`, which must still be the current one."""
    _require_move(recommendation, RecommendationStatus.DRAFT)
    current = recommendation.current_revision
    if base_revision != current:
        raise StaleRevisionError(
            f"Revision {current} is now the current one; you edited revision {base_revision}. "
            f"Read revision {current} and make your change against it.",
            [FieldProblem("base_revision", f"is {base_revision}; the current revision is {current}")],
            current_revision=current,
        )
    number = current + 1
    change = changed(
        recommendation,
        RecommendationStatus.DRAFT,
        action="revised",
        actor=author,
        at=now,
        revision=number,
        comment=draft.change_summary,
        current_revision=number,
        title=draft.title,
        submitted_revision=None,
        submitted_at=None,
    )
    return Change(
        change.recommendation, change.event, _revision(recommendation.id, number, draft, author, now)
    )


def submit(recommendation: Recommendation, revision_number: int, member: str, now: datetime) -> Change:
    _require_current(recommendation, revision_number)
    _require_move(recommendation, RecommendationStatus.SUBMITTED)
    return changed(
        recommendation,
        RecommendationStatus.SUBMITTED,
        action="submitted",
        actor=member,
        at=now,
        revision=revision_number,
        submitted_revision=revision_number,
        submitted_at=now,
    )


def approve(
    recommendation: Recommendation,
    revision: Revision,
    reviewer: str,
    now: datetime,
    comment: str | None = None,
) -> Change:
    """Publishes the submitted revision: it replaces the one the public saw, in every public listing."""
    _require_same_recommendation(recommendation, revision)
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
    reviewer: str,
    now: datetime,
    comment: str,
    quote: str | None = None,
) -> Change:
    """Sends the submitted revision back with a comment; `quote` must be one of its paragraphs."""
    _require_same_recommendation(recommendation, revision)
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
    recommendation: Recommendation, revision_number: int, reviewer: str, now: datetime, reason: str
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


def claim(recommendation: Recommendation, reviewer: str, now: datetime, lease: timedelta) -> Change:
    """A lease on a submitted revision, so that no other reviewer decides it meanwhile."""
    _require_waiting(recommendation)
    _require_free_for(recommendation, reviewer, now)
    until = now + lease
    return changed(
        recommendation,
        recommendation.status,
        action="claimed",
        actor=reviewer,
        at=now,
        revision=recommendation.submitted_revision or recommendation.current_revision,
        comment=f"until {until.isoformat()}",
        claimed_by=reviewer,
        claim_until=until,
    )


def release(recommendation: Recommendation, reviewer: str, now: datetime) -> Change:
    _require_waiting(recommendation)
    _require_free_for(recommendation, reviewer, now)
    return changed(
        recommendation,
        recommendation.status,
        action="released",
        actor=reviewer,
        at=now,
        revision=recommendation.submitted_revision or recommendation.current_revision,
        claimed_by=None,
        claim_until=None,
    )


def require_published(recommendation: Recommendation, *revision_numbers: int) -> None:
    """The public sees approved revisions only; any other number reads as absent."""
    for number in revision_numbers:
        if number not in recommendation.approved_revisions:
            raise NotFoundError(
                f"Revision {number} of this recommendation is not published.",
                [FieldProblem("revision", f"{number} is not a published revision")],
            )


def published_diff(recommendation: Recommendation, old: Revision, new: Revision) -> RevisionDiff:
    for revision in (old, new):
        _require_same_recommendation(recommendation, revision)
    require_published(recommendation, old.number, new.number)
    return RevisionDiff(
        from_revision=old.number,
        to_revision=new.number,
        title=diff_document(old.title, new.title),
        body=diff_document(old.body, new.body),
        policy_goals_added=tuple(goal for goal in new.policy_goals if goal not in old.policy_goals),
        policy_goals_removed=tuple(goal for goal in old.policy_goals if goal not in new.policy_goals),
    )


def _revision(
    recommendation_id: str, number: int, draft: RevisionDraft, author: str, now: datetime
) -> Revision:
    return Revision(
        recommendation_id=recommendation_id,
        number=number,
        title=draft.title,
        body=draft.body,
        policy_goals=tuple(draft.policy_goals),
        change_summary=draft.change_summary,
        author=author,
        created_at=now,
    )


def _require_move(recommendation: Recommendation, target: RecommendationStatus) -> None:
    if target not in ALLOWED_MOVES[recommendation.status]:
        raise InvalidTransitionError(
            f"The recommendation is {recommendation.status.value}; it cannot become {target.value}.",
            [FieldProblem("status", f"{target.value} cannot follow {recommendation.status.value}")],
        )


def _require_current(recommendation: Recommendation, number: int) -> None:
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


def _require_decidable(recommendation: Recommendation, number: int, target: RecommendationStatus) -> None:
    _require_current(recommendation, number)
    _require_move(recommendation, target)


def _require_same_recommendation(recommendation: Recommendation, revision: Revision) -> None:
    if revision.recommendation_id != recommendation.id:
        raise UnknownRevisionError(
            f"Revision {revision.number} belongs to another recommendation.",
            [FieldProblem("revision", "belongs to another recommendation")],
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


def _require_waiting(recommendation: Recommendation) -> None:
    if recommendation.status != RecommendationStatus.SUBMITTED:
        raise InvalidTransitionError(
            f"The recommendation is {recommendation.status.value}, not waiting for approval."
        )


def _require_free_for(recommendation: Recommendation, reviewer: str, now: datetime) -> None:
    holder, until = recommendation.claimed_by, recommendation.claim_until
    if holder and until and until > now and holder != reviewer:
        raise ClaimHeldError(
            f"{holder} is reviewing this recommendation until {until.isoformat()}.",
            [FieldProblem("claim", f"held by {holder} until {until.isoformat()}")],
        )


def _decided(
    recommendation: Recommendation,
    status: RecommendationStatus,
    *,
    action: str,
    reviewer: str,
    at: datetime,
    revision: int,
    comment: str | None,
    quote: str | None = None,
    **changes: Any,
) -> Change:
    _require_free_for(recommendation, reviewer, at)
    return changed(
        recommendation,
        status,
        action=action,
        actor=reviewer,
        at=at,
        revision=revision,
        comment=comment,
        quote=quote,
        submitted_revision=None,
        submitted_at=None,
        claimed_by=None,
        claim_until=None,
        last_decision=LastDecision(
            action=action, revision=revision, reviewer=reviewer, at=at, comment=comment
        ),
        **changes,
    )


def changed(
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
    event = _event(
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


def _event(
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
