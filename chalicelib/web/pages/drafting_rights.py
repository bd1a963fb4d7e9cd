"""What the services would let a person do to a team's recommendations, asked of the domain's own rules,
so a page offers only the buttons that would be taken."""

from chalicelib.domain.errors import ForbiddenError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_drafting import require_drafting_access
from chalicelib.domain.recommendation_links import takes_links
from chalicelib.domain.recommendation_moves import ALLOWED_MOVES
from chalicelib.domain.recommendation_records import RecommendationStatus
from chalicelib.domain.recommendation_views import RecommendationSummary


def may_draft_for(caller: Caller, team: str) -> bool:
    """Whether the services would take a new recommendation for `team` from this person."""
    try:
        require_drafting_access(caller, team)
    except ForbiddenError:
        return False
    return True


def may_submit(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would take this person's submission of the current revision."""
    return may_draft_for(caller, recommendation.team) and (
        RecommendationStatus.SUBMITTED in ALLOWED_MOVES[recommendation.status]
    )


def may_edit(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would take a new revision from this person."""
    return may_draft_for(caller, recommendation.team) and (
        RecommendationStatus.DRAFT in ALLOWED_MOVES[recommendation.status]
    )


def may_change_links(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would link or unlink feedback for this person."""
    return may_draft_for(caller, recommendation.team) and takes_links(recommendation.status)
