"""A team drafts a recommendation: it creates one (revision 1, a draft), writes each later revision
against the current one, and submits the current revision for approval. Only the team's members write."""

from datetime import datetime

from chalicelib.domain.audit_chain import GENESIS
from chalicelib.domain.errors import FieldProblem, ForbiddenError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_moves import (
    chained_event,
    recorded_change,
    require_current,
    require_move,
)
from chalicelib.domain.recommendation_records import (
    Change,
    Recommendation,
    RecommendationStatus,
    Revision,
    RevisionDraft,
    StaleRevisionError,
)


def require_drafting_access(caller: Caller, team: str) -> None:
    if not caller.is_member_of(team):
        raise ForbiddenError("Only this team's members may write its recommendations.")


def create(
    *, recommendation_id: str, program_id: str, team: str, draft: RevisionDraft, author: str, now: datetime
) -> Change:
    revision = _revision(recommendation_id, 1, draft, author, now)
    event = chained_event(
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
    require_move(recommendation, RecommendationStatus.DRAFT)
    current = recommendation.current_revision
    if base_revision != current:
        raise StaleRevisionError(
            f"Revision {current} is now the current one; you edited revision {base_revision}. "
            f"Read revision {current} and make your change against it.",
            [FieldProblem("base_revision", f"is {base_revision}; the current revision is {current}")],
            current_revision=current,
        )
    number = current + 1
    change = recorded_change(
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
    require_current(recommendation, revision_number)
    require_move(recommendation, RecommendationStatus.SUBMITTED)
    return recorded_change(
        recommendation,
        RecommendationStatus.SUBMITTED,
        action="submitted",
        actor=member,
        at=now,
        revision=revision_number,
        submitted_revision=revision_number,
        submitted_at=now,
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
