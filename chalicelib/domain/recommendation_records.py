"""What a recommendation is made of: its status, its immutable revisions, the audit events that record
each change, the revision the public sees, and the feedback it answers. How it may change is in
chalicelib.domain.recommendation_moves and the modules that use it."""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from chalicelib.domain.audit_chain import ChainedEvent, ChainHead
from chalicelib.domain.claims import Claim
from chalicelib.domain.errors import ConflictError, ValidationFailedError
from chalicelib.domain.feedback import VOCABULARY
from chalicelib.domain.model import Model
from chalicelib.domain.program import Program
from chalicelib.domain.text import ChangeSummary, Markdown, Title
from chalicelib.domain.text_diff import TextDiff

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a recommendation's text, as a change request quotes it, and the lines it spans."""

    text: str
    first_line: int
    end_line: int


def paragraphs_of(body: str) -> list[Paragraph]:
    """The text's paragraphs (parts between blank lines), each with its lines counted from 0, end excluded."""
    text = body.replace("\r\n", "\n")
    found: list[Paragraph] = []
    start = 0
    for end, next_start in [*((b.start(), b.end()) for b in _PARAGRAPH_BREAK.finditer(text)), (len(text), 0)]:
        part = text[start:end]
        if part.strip():
            leading = len(part) - len(part.lstrip())
            first = text.count("\n", 0, start + leading)
            found.append(Paragraph(part.strip(), first, first + part.strip().count("\n") + 1))
        start = next_start
    return found


def same_paragraph(one: str, other: str) -> bool:
    """Whether two paragraphs read the same, whatever their spacing and line breaks."""
    return one.split() == other.split()


class RecommendationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


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
        return [paragraph.text for paragraph in paragraphs_of(self.body)]


class Publication(Model):
    """The revision the public sees: the latest approved one, as listed on public pages."""

    model_config = ConfigDict(frozen=True)

    revision: int = Field(ge=1)
    title: str
    policy_goals: tuple[str, ...]
    approved_at: datetime
    # When this revision went to staff for approval; unknown for revisions approved before it was kept.
    submitted_at: datetime | None = None


class LastDecision(Model):
    """The staff's latest decision, kept on the recommendation for the review queue and staff exports."""

    model_config = ConfigDict(frozen=True)

    action: str
    revision: int
    reviewer: str
    at: datetime
    comment: str | None = None


@dataclass(frozen=True)
class Listing:
    """A public listing a published recommendation appears in: every one, a team's, a policy goal's, or
    a team's under one goal. Each is a query of its own, so a filtered page is never a filtered query."""

    team: str | None = None
    policy_goal: str | None = None


class Recommendation(Model):
    model_config = ConfigDict(frozen=True)

    id: str
    program_id: str
    team: str
    title: str
    status: RecommendationStatus
    current_revision: int = Field(ge=1)
    publication: Publication | None = None
    approved_revisions: tuple[int, ...] = ()
    first_approved_at: datetime | None = None
    linked_feedback_count: int = Field(default=0, ge=0)
    last_decision: LastDecision | None = None
    claim: Claim | None = None
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

    @property
    def approved_revision(self) -> int | None:
        return self.publication.revision if self.publication else None

    def as_listed(self) -> "ListedRecommendation | None":
        """What public listings hold of it, once it is published."""
        if self.publication is None or self.first_approved_at is None:
            return None
        return ListedRecommendation(
            id=self.id, team=self.team, first_approved_at=self.first_approved_at, publication=self.publication
        )

    def listings(self) -> frozenset[Listing]:
        if self.publication is None:
            return frozenset()
        goals = self.publication.policy_goals
        return frozenset(
            {Listing(), Listing(team=self.team)}
            | {Listing(policy_goal=goal) for goal in goals}
            | {Listing(team=self.team, policy_goal=goal) for goal in goals}
        )


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
    feedback_id: str | None = None


class RevisionDiff(Model):
    model_config = ConfigDict(frozen=True)

    from_revision: int
    to_revision: int
    title: TextDiff
    body: TextDiff
    policy_goals_added: tuple[str, ...]
    policy_goals_removed: tuple[str, ...]


class ListedRecommendation(Model):
    """What a public listing holds of a published recommendation."""

    model_config = ConfigDict(frozen=True)

    id: str
    team: str
    first_approved_at: datetime
    publication: Publication


@dataclass(frozen=True)
class FeedbackLink:
    """A recommendation answers a feedback item; the submitter's receipt view then lists it."""

    recommendation_id: str
    feedback_id: str
    linked_by: str
    linked_at: datetime
    while_published: bool = False


@dataclass(frozen=True)
class Change:
    """One change of a recommendation, stored as one unit: the recommendation, its audit event and
    whatever else the change made (a revision, a link, the public listings of a new publication)."""

    recommendation: Recommendation
    event: RecommendationEvent
    revision: Revision | None = None
    linked: FeedbackLink | None = None
    unlinked_feedback_id: str | None = None
    listed: frozenset[Listing] = frozenset()
    unlisted: frozenset[Listing] = frozenset()
