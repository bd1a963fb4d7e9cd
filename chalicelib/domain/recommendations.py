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

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from chalicelib.domain.audit_chain import GENESIS, ChainedEvent, ChainHead, seal
from chalicelib.domain.errors import (
    ClaimHeldError,
    ConflictError,
    FieldProblem,
    ForbiddenError,
    InvalidTransitionError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.feedback import VOCABULARY
from chalicelib.domain.identity import Caller
from chalicelib.domain.model import Model
from chalicelib.domain.program import Program
from chalicelib.domain.text_diff import TextDiff, diff_document

MAX_COMMENT = 5000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class RecommendationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


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


@dataclass
class StaleRevisionError(ConflictError):
    """An edit made against a revision that is no longer the current one."""

    current_revision: int = 0


@dataclass
class SupersededRevisionError(ConflictError):
    """A submission or decision about a revision that a newer one has replaced."""

    current_revision: int = 0


class UnknownRevisionError(ValidationFailedError):
    pass


class QuoteNotInRevisionError(ValidationFailedError):
    pass


def _storable(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return _LONE_SURROGATE.sub("\ufffd", value)


_STORABLE = AfterValidator(_storable)
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _STORABLE]
Markdown = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000), _STORABLE
]
ChangeSummary = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000), _STORABLE
]


class RevisionDraft(Model):
    """What a member writes: the body of creating a recommendation, or of a new revision of one."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    title: Title
    body: Markdown = Field(description="Markdown.")
    policy_goals: list[str] = Field(
        default_factory=list,
        max_length=20,
        json_schema_extra={VOCABULARY: "policy_goals", "uniqueItems": True},
    )
    change_summary: ChangeSummary = Field(description="What this revision changes, in a sentence or two.")

    def problems_against(self, program: Program) -> dict[str, str]:
        problems: dict[str, str] = {}
        problems.update(program.policy_goal_problems(self.policy_goals))
        return problems


class Revision(Model):
    model_config = ConfigDict(frozen=True)

    recommendation_id: str
    number: int = Field(ge=1)
    title: str
    body: str
    policy_goals: tuple[str, ...]
    change_summary: str
    author: str
    created_at: datetime

    def paragraphs(self) -> list[str]:
        return [
            part.strip() for part in _PARAGRAPH_BREAK.split(self.body.replace("\r\n", "\n")) if part.strip()
        ]


class Recommendation(Model):
    model_config = ConfigDict(frozen=True)

    id: str
    program_id: str
    team: str
    title: str
    status: RecommendationStatus
    current_revision: int = Field(ge=1)
    approved_revision: int | None = None
    approved_revisions: tuple[int, ...] = ()
    first_approved_at: datetime | None = None
    claimed_by: str | None = None
    claim_until: datetime | None = None
    submitted_revision: int | None = None
    submitted_at: datetime | None = None
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int = Field(default=1, ge=1)
    last_event_hash: str

    @property
    def in_approval_queue(self) -> bool:
        return self.status == RecommendationStatus.SUBMITTED

    @property
    def audit_head(self) -> ChainHead:
        return ChainHead(self.version, self.last_event_hash)


class RecommendationEvent(ChainedEvent):
    """One change of a recommendation, linked to the one before it (see audit_chain)."""

    subject_id: str
    at: datetime
    action: str
    actor: str
    from_status: RecommendationStatus | None = None
    to_status: RecommendationStatus
    revision: int
    comment: str | None = None
    quote: str | None = None


class RevisionDiff(Model):
    model_config = ConfigDict(frozen=True)

    from_revision: int
    to_revision: int
    title: TextDiff
    body: TextDiff
    policy_goals_added: tuple[str, ...]
    policy_goals_removed: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    recommendation: Recommendation
    event: RecommendationEvent
    revision: Revision | None = None


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
    change = _moved(
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
    return _moved(
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
    revision_number: int,
    reviewer: str,
    now: datetime,
    comment: str | None = None,
) -> Change:
    _require_decidable(recommendation, revision_number, RecommendationStatus.APPROVED)
    return _decided(
        recommendation,
        RecommendationStatus.APPROVED,
        action="approved",
        reviewer=reviewer,
        at=now,
        revision=revision_number,
        comment=_comment(comment, required=False),
        approved_revision=revision_number,
        approved_revisions=(*recommendation.approved_revisions, revision_number),
        first_approved_at=recommendation.first_approved_at or now,
    )


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
    return _moved(
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
    return _moved(
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
    if not text:
        if required:
            raise ValidationFailedError(f"A {field} is required.", [FieldProblem(field, "is required")])
        return None
    if len(text) > MAX_COMMENT or _CONTROL.search(text):
        raise ValidationFailedError(
            f"The {field} must be at most {MAX_COMMENT} printable characters.",
            [FieldProblem(field, f"must be at most {MAX_COMMENT} printable characters")],
        )
    return _LONE_SURROGATE.sub("\ufffd", text)


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
    **changes: object,
) -> Change:
    _require_free_for(recommendation, reviewer, at)
    return _moved(
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
        **changes,
    )


def _moved(
    recommendation: Recommendation,
    status: RecommendationStatus,
    *,
    action: str,
    actor: str,
    at: datetime,
    revision: int,
    comment: str | None = None,
    quote: str | None = None,
    **changes: object,
) -> Change:
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
    }
    return seal(RecommendationEvent, head, fields)
