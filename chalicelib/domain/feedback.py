"""Public feedback: what a person sends, what is stored, and what the submitter may see of it."""

import hashlib
import hmac
import json
import secrets
from datetime import datetime
from enum import StrEnum

from pydantic import ConfigDict, Field

from chalicelib.domain.claims import Claim
from chalicelib.domain.model import Model
from chalicelib.domain.program import Program
from chalicelib.domain.text import Body, Email, Name

RECEIPT_BYTES = 24
# Marks a field whose allowed values are program data; the OpenAPI document lists them.
VOCABULARY = "x-vocabulary"


class SubmitterRole(StrEnum):
    PARENT = "parent"
    STUDENT = "student"
    TEACHER = "teacher"
    ADMINISTRATOR = "administrator"
    BOARD_MEMBER = "board member"
    COMMUNITY_MEMBER = "community member"
    OTHER = "other"


class FeedbackStatus(StrEnum):
    RECEIVED = "received"
    SCREENED = "screened"
    PUBLISHED = "published"
    REJECTED = "rejected"


class RejectionReason(StrEnum):
    OFF_TOPIC = "off-topic"
    ABUSIVE = "abusive"
    SPAM = "spam"
    PERSONAL_INFORMATION = "personal information"
    DUPLICATE = "duplicate"


class TeamState(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    CONSIDERED = "considered"


HONEYPOT_FIELD = "website"


class Submitter(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Name | None = None
    email: Email | None = None
    role: SubmitterRole | None = None


class FeedbackSubmission(Model):
    """The body of `POST /feedback`."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    team: str = Field(
        description='A team slug, "general", or "site" (a problem with this site).',
        max_length=64,
        json_schema_extra={VOCABULARY: "channels"},
    )
    body: Body
    policy_goals: list[str] = Field(
        default_factory=list,
        max_length=20,
        json_schema_extra={VOCABULARY: "policy_goals", "uniqueItems": True},
    )
    submitter: Submitter | None = None
    consent_to_publish: bool
    website: str | None = Field(
        default=None,
        max_length=500,
        description="Leave this out. The form hides it from people; only bots fill it in.",
    )
    form_token: str | None = Field(
        default=None,
        max_length=200,
        description="The token from GET /form-token, sent back with the form it came with.",
    )

    def fingerprint(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def problems_against(self, program: Program) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not program.accepts_channel(self.team):
            problems["team"] = f"unknown team {self.team!r}; use a team slug, 'general' or 'site'"
        problems.update(program.policy_goal_problems(self.policy_goals))
        return problems


class SubmissionEvidence(Model):
    """What the screening worker needs to judge how a submission arrived; never the honeypot's text."""

    model_config = ConfigDict(frozen=True)

    honeypot_filled: bool = False
    form_token_valid: bool | None = None
    milliseconds_to_submit: int | None = None
    source: str | None = None


class Screening(Model):
    model_config = ConfigDict(frozen=True)

    screened_at: datetime
    personal_information: list[str]
    likely_names: list[str] = Field(default_factory=list)
    spam_signals: list[str]
    spam: bool
    fingerprint: str
    signature: str
    cluster_id: str


class Feedback(Model):
    model_config = ConfigDict(frozen=True)

    id: str
    program_id: str
    team: str
    body: str
    policy_goals: list[str]
    submitter: Submitter | None = None
    consent_to_publish: bool
    status: FeedbackStatus
    submitted_at: datetime
    receipt_hash: str
    version: int = 1
    evidence: SubmissionEvidence = Field(default_factory=SubmissionEvidence)
    screening: Screening | None = None
    public_body: str | None = None
    queued_at: datetime | None = None
    claim: Claim | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    rejection_reason: RejectionReason | None = None
    published_at: datetime | None = None
    listed_publicly: bool = False
    routed_at: datetime | None = None
    team_state: TeamState | None = None

    @property
    def in_moderation_queue(self) -> bool:
        return self.status == FeedbackStatus.SCREENED and self.queued_at is not None

    @property
    def in_team_inbox(self) -> bool:
        return self.routed_at is not None

    @property
    def submitter_email(self) -> str | None:
        return self.submitter.email if self.submitter else None


class AuditEvent(Model):
    """One transition of an item: who, when, why. Stored beside the item it describes."""

    model_config = ConfigDict(frozen=True)

    subject_id: str
    at: datetime
    action: str
    actor: str
    to_status: str
    from_status: str | None = None
    reason: str | None = None


def new_receipt() -> str:
    return secrets.token_urlsafe(RECEIPT_BYTES)


def hash_receipt(receipt: str) -> str:
    return hashlib.sha256(receipt.encode()).hexdigest()


def receipt_matches(feedback: Feedback, receipt: str) -> bool:
    return hmac.compare_digest(feedback.receipt_hash, hash_receipt(receipt))
