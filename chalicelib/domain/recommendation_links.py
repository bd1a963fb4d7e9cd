"""A recommendation names the feedback it answers. A team links feedback sent to it or to everyone
("general"); a team whose charter gives it the view across teams links any team's. Each link and unlink
is a change of the recommendation, recorded in its audit chain."""

from dataclasses import replace
from datetime import datetime

from chalicelib.domain.errors import (
    FieldProblem,
    InvalidTransitionError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.feedback import Feedback, FeedbackStatus
from chalicelib.domain.program import GENERAL_CHANNEL, Program
from chalicelib.domain.recommendation_moves import recorded_change
from chalicelib.domain.recommendation_records import (
    Change,
    FeedbackLink,
    Recommendation,
    RecommendationStatus,
)


def may_answer(program: Program, team: str, feedback: Feedback) -> bool:
    """Whether `team`'s recommendations may cite `feedback`: its own, general, or any if it works across
    teams. Screening keeps what looks like spam out of the inboxes, so it is linkable only once staff
    publish it anyway."""
    if not (feedback.in_team_inbox or feedback.status == FeedbackStatus.PUBLISHED):
        return False
    owner = program.team(team)
    return feedback.team in {team, GENERAL_CHANNEL} or bool(owner and owner.works_across_teams)


def require_linkable(program: Program, recommendation: Recommendation, feedback: Feedback | None) -> Feedback:
    if feedback is not None and may_answer(program, recommendation.team, feedback):
        return feedback
    if feedback is not None and feedback.status == FeedbackStatus.PUBLISHED:
        # A published item is public anyway, so saying whose it is reveals nothing.
        raise ValidationFailedError(
            "This feedback was sent to another team; link your team's own feedback or general feedback.",
            [FieldProblem("feedback_id", f"belongs to {feedback.team}, not to {recommendation.team}")],
        )
    raise NotFoundError(
        "Your team's inbox has no feedback with this id.",
        [FieldProblem("feedback_id", "is not in an inbox your team may link from")],
    )


def takes_links(status: RecommendationStatus) -> bool:
    """Whether a recommendation in this status may gain or lose links: a rejected one's record is final."""
    return status != RecommendationStatus.REJECTED


def link(recommendation: Recommendation, feedback: Feedback, member: str, now: datetime) -> Change:
    change = _counted(recommendation, "linked", feedback.id, member, now, +1)
    made = FeedbackLink(recommendation.id, feedback.id, member, now, recommendation.publication is not None)
    return replace(change, linked=made)


def unlink(recommendation: Recommendation, feedback_id: str, member: str, now: datetime) -> Change:
    return replace(
        _counted(recommendation, "unlinked", feedback_id, member, now, -1), unlinked_feedback_id=feedback_id
    )


def _counted(
    recommendation: Recommendation, action: str, feedback_id: str, member: str, now: datetime, step: int
) -> Change:
    _require_open(recommendation)
    return recorded_change(
        recommendation,
        recommendation.status,
        action=action,
        actor=member,
        at=now,
        revision=recommendation.current_revision,
        feedback_id=feedback_id,
        linked_feedback_count=max(0, recommendation.linked_feedback_count + step),
    )


def _require_open(recommendation: Recommendation) -> None:
    if not takes_links(recommendation.status):
        raise InvalidTransitionError(
            "The recommendation was rejected; its record no longer changes.",
            [FieldProblem("status", "rejected recommendations are final")],
        )
