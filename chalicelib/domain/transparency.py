"""The transparency figures: what became of the feedback each team and each policy goal received, how long
moderation and approval took, and how many recommendations were published. Every figure is computed from
what the public exports hold (a `Decision` per screened item, an `Approval` per published recommendation),
so anyone can reproduce it from those files."""

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.feedback import Feedback, FeedbackStatus, RejectionReason
from chalicelib.domain.recommendation_records import ListedRecommendation

SECONDS_PER_DAY = 86_400
# The policy-goal grouping's row for feedback and recommendations tagged with no goal.
NO_POLICY_GOAL = ""
REJECTION_REASONS = tuple(reason.value for reason in RejectionReason)


class Outcome(StrEnum):
    PUBLISHED = "published"
    REJECTED = "rejected"
    NOT_FOR_PUBLICATION = "not-for-publication"
    AWAITING = "awaiting"


@dataclass(frozen=True)
class Decision:
    """What moderation made of one screened item: never its text, nor who sent it."""

    id: str
    team: str
    policy_goals: tuple[str, ...]
    received_at: datetime
    decided_at: datetime | None
    outcome: Outcome
    rejection_reason: str | None
    cluster_id: str


@dataclass(frozen=True)
class Approval:
    """One published recommendation: its team and goals, when its revision was submitted and approved."""

    team: str
    policy_goals: tuple[str, ...]
    submitted_at: datetime | None
    approved_at: datetime


@dataclass(frozen=True)
class GroupFigures:
    key: str
    received: int
    published: int
    rejected: dict[str, int]
    not_for_publication: int
    awaiting: int
    in_campaign: int
    median_days_to_moderation: float | None
    recommendations_published: int
    median_days_to_approval: float | None

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())


@dataclass(frozen=True)
class Transparency:
    by_team: tuple[GroupFigures, ...]
    by_policy_goal: tuple[GroupFigures, ...]
    total: GroupFigures

    @property
    def has_feedback(self) -> bool:
        return self.total.received > 0


def decision_of(feedback: Feedback) -> Decision:
    return Decision(
        id=feedback.id,
        team=feedback.team,
        policy_goals=tuple(feedback.policy_goals),
        received_at=feedback.submitted_at,
        decided_at=feedback.decided_at,
        outcome=outcome_of(feedback),
        rejection_reason=feedback.rejection_reason.value if feedback.rejection_reason else None,
        cluster_id=feedback.screening.cluster_id if feedback.screening else feedback.id,
    )


def outcome_of(feedback: Feedback) -> Outcome:
    if feedback.status == FeedbackStatus.PUBLISHED:
        return Outcome.PUBLISHED
    if feedback.status == FeedbackStatus.REJECTED:
        return Outcome.REJECTED
    if not feedback.consent_to_publish:
        return Outcome.NOT_FOR_PUBLICATION
    return Outcome.AWAITING


def approval_of(listed: ListedRecommendation) -> Approval:
    publication = listed.publication
    return Approval(listed.team, publication.policy_goals, publication.submitted_at, publication.approved_at)


def figures(
    channels: Sequence[str],
    policy_goals: Sequence[str],
    decisions: Iterable[Decision],
    approvals: Iterable[Approval],
) -> Transparency:
    decided = list(decisions)
    approved = list(approvals)
    cluster_sizes = Counter(decision.cluster_id for decision in decided)
    in_campaign = {decision.id for decision in decided if cluster_sizes[decision.cluster_id] > 1}

    def group(key: str, belongs: Callable[[str, tuple[str, ...]], bool]) -> GroupFigures:
        mine = [decision for decision in decided if belongs(decision.team, decision.policy_goals)]
        ours = [approval for approval in approved if belongs(approval.team, approval.policy_goals)]
        return _group_figures(key, mine, ours, in_campaign)

    return Transparency(
        by_team=tuple(group(channel, _of_team(channel)) for channel in channels),
        by_policy_goal=tuple(group(goal, _of_goal(goal)) for goal in (*policy_goals, NO_POLICY_GOAL)),
        total=group("", lambda _team, _goals: True),
    )


def _of_team(channel: str) -> Callable[[str, tuple[str, ...]], bool]:
    return lambda team, _goals: team == channel


def _of_goal(goal: str) -> Callable[[str, tuple[str, ...]], bool]:
    if goal == NO_POLICY_GOAL:
        return lambda _team, goals: not goals
    return lambda _team, goals: goal in goals


def _group_figures(
    key: str, decisions: list[Decision], approvals: list[Approval], in_campaign: set[str]
) -> GroupFigures:
    outcomes = Counter(decision.outcome for decision in decisions)
    reasons = Counter(decision.rejection_reason for decision in decisions)
    return GroupFigures(
        key=key,
        received=len(decisions),
        published=outcomes[Outcome.PUBLISHED],
        rejected={reason: reasons[reason] for reason in REJECTION_REASONS},
        not_for_publication=outcomes[Outcome.NOT_FOR_PUBLICATION],
        awaiting=outcomes[Outcome.AWAITING],
        in_campaign=sum(1 for decision in decisions if decision.id in in_campaign),
        median_days_to_moderation=median_days(
            (decision.received_at, decision.decided_at) for decision in decisions
        ),
        recommendations_published=len(approvals),
        median_days_to_approval=median_days(
            (approval.submitted_at, approval.approved_at) for approval in approvals
        ),
    )


def median_days(spans: Iterable[tuple[datetime | None, datetime | None]]) -> float | None:
    """The median of the spans' lengths in days, to one decimal; None when no span has both ends."""
    days = [(end - start).total_seconds() / SECONDS_PER_DAY for start, end in spans if start and end]
    if not days:
        return None
    return round(statistics.median(days), 1)


FIGURE_COLUMNS = (
    "grouping",
    "id",
    "name",
    "received",
    "published",
    "rejected",
    *(f"rejected_{reason.replace('-', '_').replace(' ', '_')}" for reason in REJECTION_REASONS),
    "not_for_publication",
    "awaiting",
    "in_campaign",
    "median_days_to_moderation",
    "recommendations_published",
    "median_days_to_approval",
)


def figure_row(grouping: str, name: str, group: GroupFigures) -> dict[str, str]:
    """One line of the dashboard's CSV: plain numbers, as a spreadsheet reads them."""
    counts = [
        group.received,
        group.published,
        group.rejected_total,
        *(group.rejected[reason] for reason in REJECTION_REASONS),
        group.not_for_publication,
        group.awaiting,
        group.in_campaign,
    ]
    values = [grouping, group.key, name, *map(str, counts)]
    values += [_plain(group.median_days_to_moderation), str(group.recommendations_published)]
    values += [_plain(group.median_days_to_approval)]
    return dict(zip(FIGURE_COLUMNS, values, strict=True))


def _plain(days: float | None) -> str:
    return "" if days is None else f"{days:.1f}"
