"""A team drafts recommendations: create one, write revisions against a base, submit one for approval.
Only the team's own members write; its members and staff read the work in progress."""

from collections.abc import Callable
from typing import Protocol

from chalicelib.domain import recommendation_drafting as drafting
from chalicelib.domain.audit_chain import ChainHead, ChainReport, verify_chain
from chalicelib.domain.clock import Clock
from chalicelib.domain.errors import (
    FieldProblem,
    ForbiddenError,
    NotFoundError,
    ValidationFailedError,
)
from chalicelib.domain.identity import Caller
from chalicelib.domain.ids import new_id
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.domain.recommendation_records import (
    Change,
    Recommendation,
    RecommendationEvent,
    Revision,
    RevisionDraft,
)
from chalicelib.domain.recommendation_views import (
    NewRevision,
    RecommendationHistory,
    RecommendationPage,
    Submission,
    WorkingView,
    history,
    summary,
    working_view,
)
from chalicelib.services.stale_retries import retry_when_stale


class RecommendationRepository(Protocol):
    def save(self, change: Change, expected_version: int | None) -> None: ...

    def get(self, recommendation_id: str) -> Recommendation | None: ...

    def get_whole(
        self, recommendation_id: str
    ) -> tuple[Recommendation, list[Revision], list[RecommendationEvent]] | None: ...

    def team_recommendations(
        self, program_id: str, team: str, limit: int, cursor: str | None
    ) -> Page[Recommendation]: ...


def author_of(caller: Caller) -> str:
    return caller.display_name


def create_recommendation(
    caller: Caller,
    team: str,
    draft: RevisionDraft,
    *,
    program: Program,
    repository: RecommendationRepository,
    clock: Clock,
) -> WorkingView:
    if program.team(team) is None:
        raise NotFoundError(f"No team is called {team!r}.")
    drafting.require_drafting_access(caller, team)
    _require_valid(draft, program)
    now = clock()
    change = drafting.create(
        recommendation_id=new_id(now),
        program_id=program.id,
        team=team,
        draft=draft,
        author=author_of(caller),
        now=now,
    )
    repository.save(change, expected_version=None)
    return _view(repository, change.recommendation.id)


def revise_recommendation(
    caller: Caller,
    recommendation_id: str,
    request: NewRevision,
    *,
    program: Program,
    repository: RecommendationRepository,
    clock: Clock,
) -> WorkingView:
    draft = RevisionDraft.model_validate(request.model_dump(exclude={"base_revision"}))
    _require_valid(draft, program)
    change_recommendation(
        caller,
        recommendation_id,
        repository,
        lambda current: drafting.revise(current, request.base_revision, draft, author_of(caller), clock()),
    )
    return _view(repository, recommendation_id)


def submit_for_approval(
    caller: Caller,
    recommendation_id: str,
    submission: Submission,
    *,
    repository: RecommendationRepository,
    clock: Clock,
) -> WorkingView:
    change_recommendation(
        caller,
        recommendation_id,
        repository,
        lambda current: drafting.submit(current, submission.revision, author_of(caller), clock()),
    )
    return _view(repository, recommendation_id)


def working_copy(
    caller: Caller, recommendation_id: str, *, repository: RecommendationRepository
) -> WorkingView:
    recommendation = existing(repository, recommendation_id)
    require_reader(caller, recommendation)
    return _view(repository, recommendation_id)


def recommendation_history(
    caller: Caller, recommendation_id: str, *, repository: RecommendationRepository
) -> RecommendationHistory:
    whole = repository.get_whole(recommendation_id)
    if whole is None:
        raise NotFoundError("No recommendation has this id.")
    require_reader(caller, whole[0])
    return history(whole[0], whole[2])


def audit_report(recommendation_id: str, *, repository: RecommendationRepository) -> ChainReport:
    """Whether a recommendation's audit trail is whole and unaltered, up to the head it records."""
    whole = repository.get_whole(recommendation_id)
    if whole is None:
        raise NotFoundError("No recommendation has this id.")
    recommendation, _, events = whole
    head = ChainHead(recommendation.version, recommendation.last_event_hash)
    return verify_chain(sorted(events, key=lambda event: event.sequence), head)


def team_recommendations(
    caller: Caller,
    team: str,
    *,
    limit: int,
    cursor: str | None,
    program: Program,
    repository: RecommendationRepository,
) -> RecommendationPage:
    if program.team(team) is None:
        raise NotFoundError(f"No team is called {team!r}.")
    if not (caller.is_staff or caller.is_member_of(team)):
        raise ForbiddenError("Only this team's members and agency staff may see its recommendations.")
    page = repository.team_recommendations(program.id, team, limit, cursor)
    return RecommendationPage(items=[summary(item) for item in page.items], cursor=page.cursor)


def change_recommendation(
    caller: Caller,
    recommendation_id: str,
    repository: RecommendationRepository,
    make: Callable[[Recommendation], Change],
) -> Change:
    """Reads, checks the caller may write, makes the change and stores it, reading again on a lost race."""

    def read_decide_write() -> Change:
        current = existing(repository, recommendation_id)
        require_reader(caller, current)
        drafting.require_drafting_access(caller, current.team)
        change = make(current)
        repository.save(change, expected_version=current.version)
        return change

    return retry_when_stale(read_decide_write, "The recommendation kept changing; read it again and retry.")


def _require_valid(draft: RevisionDraft, program: Program) -> None:
    problems = draft.problems_against(program)
    if problems:
        raise ValidationFailedError(
            "The recommendation has fields that need fixing.",
            [FieldProblem(name, problem) for name, problem in problems.items()],
        )


def require_reader(caller: Caller, recommendation: Recommendation) -> None:
    if not (caller.is_staff or caller.is_member_of(recommendation.team)):
        # Another team's work in progress is as absent as one that does not exist.
        raise NotFoundError("No recommendation has this id.")


def existing(repository: RecommendationRepository, recommendation_id: str) -> Recommendation:
    found = repository.get(recommendation_id)
    if found is None:
        raise NotFoundError("No recommendation has this id.")
    return found


def _view(repository: RecommendationRepository, recommendation_id: str) -> WorkingView:
    whole = repository.get_whole(recommendation_id)
    if whole is None:
        raise NotFoundError("No recommendation has this id.")
    return working_view(*whole)
