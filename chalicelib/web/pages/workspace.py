"""The team workspace: the teams a member works for, and each team's inbox of screened feedback."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.access import may_work_inbox
from chalicelib.domain.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError
from chalicelib.domain.feedback import TeamState
from chalicelib.domain.feedback_views import InboxFilter, InboxItemView
from chalicelib.domain.identity import Caller
from chalicelib.domain.moderation import TEAM_MOVES
from chalicelib.domain.program import Program, Team
from chalicelib.domain.recommendation_links import takes_links
from chalicelib.domain.recommendation_views import NewLink, RecommendationSummary
from chalicelib.services import recommendation_links, recommendations, team_feedback
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import cursor_in, language_fields, page_from_link, program_values
from chalicelib.web.rendering import redirect, render
from chalicelib.web.visit import Visit

INBOX_PAGE_SIZE = 50
ORDERS = ("newest", "oldest")
STATES = tuple(state.value for state in TeamState)


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


STATE_NAMES = {
    TeamState.NEW.value: _("New"),
    TeamState.ACKNOWLEDGED.value: _("Acknowledged"),
    TeamState.CONSIDERED.value: _("Considered"),
}
MARKED = {
    TeamState.ACKNOWLEDGED.value: _("The item is marked acknowledged."),
    TeamState.CONSIDERED.value: _("The item is marked considered."),
    "unchanged": _("The item was not marked: someone changed it first. It is shown as it is now."),
    "linked": _("The item is linked to the recommendation."),
    "not_linked": _("The item could not be linked to that recommendation."),
}


def workspace_teams(caller: Caller, program: Program) -> list[Team]:
    """The teams whose inbox this person works, as the access rules decide."""
    return [team for team in program.teams if may_work_inbox(caller, program, team.slug)]


def home(visit: Visit, request: Request) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    if not caller.teams:
        raise ForbiddenError("Only the members of a team have a workspace.")
    teams = workspace_teams(caller, program_for(visit))
    new_counts = {
        team.slug: team_feedback.count_in_inbox(
            caller, team.slug, InboxFilter(state=TeamState.NEW), program=deps.program, listings=deps.listings
        )
        for team in teams
    }
    return render(
        visit,
        "workspace_home.html",
        **program_values(visit),
        teams=teams,
        new_counts=new_counts,
        private=True,
    )


def inbox(visit: Visit, request: Request, slug: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    team = _team(visit, slug)
    order = _one_of(visit.query.get("order", ""), ORDERS)
    state = _one_of(visit.query.get("state", ""), ("", *STATES))
    goal = visit.query.get("policy_goal", "")
    if not deps.program.has_policy_goal(goal):
        goal = ""
    found, stale_link = page_from_link(
        lambda cursor: team_feedback.team_inbox(
            caller,
            slug,
            limit=INBOX_PAGE_SIZE,
            cursor=cursor,
            oldest_first=order == "oldest",
            only=InboxFilter(state=TeamState(state) if state else None, policy_goal=goal or None),
            program=deps.program,
            listings=deps.listings,
            index=deps.screening_index,
        ),
        cursor_in(visit),
    )
    marked = visit.query.get("marked", "")
    linkable = _linkable_recommendations(caller, slug)
    return render(
        visit,
        "workspace_inbox.html",
        **program_values(visit),
        team=team,
        items=found.items,
        moves={item.id: _moves(item) for item in found.items},
        state_names=STATE_NAMES,
        states=STATES,
        order=order,
        state=state,
        policy_goal=goal,
        language_fields=language_fields(visit),
        next_cursor=found.cursor,
        stale_link=stale_link,
        later_page=cursor_in(visit) is not None and not stale_link,
        confirmation=MARKED.get(marked),
        linkable=linkable,
        private=True,
    )


def mark(visit: Visit, request: Request, slug: str, feedback_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    _team(visit, slug)
    state = first(form_fields(request), "state")
    if state not in STATES or state == TeamState.NEW.value:
        return redirect(visit.url(f"/workspace/teams/{slug}/inbox"))
    try:
        team_feedback.mark_inbox_item(
            caller,
            slug,
            feedback_id,
            TeamState(state),
            program=deps.program,
            repository=deps.feedback,
            index=deps.screening_index,
            clock=deps.clock,
        )
    except ConflictError:
        # Marked by another member first, or twice from an old page: show the item as it is now.
        state = "unchanged"
    return redirect(visit.url(f"/workspace/teams/{slug}/inbox", marked=state) + f"#item-{feedback_id}")


def link(visit: Visit, request: Request, slug: str, feedback_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    _team(visit, slug)
    recommendation_id = first(form_fields(request), "recommendation_id")
    outcome = "linked"
    try:
        recommendation_links.link_feedback(
            caller,
            recommendation_id,
            NewLink(feedback_id=feedback_id),
            program=deps.program,
            repository=deps.recommendations,
            feedback=deps.feedback,
            clock=deps.clock,
        )
    except (NotFoundError, ValidationFailedError, ConflictError, ValueError):
        outcome = "not_linked"
    return redirect(visit.url(f"/workspace/teams/{slug}/inbox", marked=outcome) + f"#item-{feedback_id}")


def _linkable_recommendations(caller: Caller, slug: str) -> list[RecommendationSummary]:
    """The team's recommendations its members may link an item of its inbox to; none for a reader who
    may not write them."""
    if not caller.is_member_of(slug):
        return []
    deps = dependencies.current()
    found = recommendations.team_recommendations(
        caller,
        slug,
        limit=INBOX_PAGE_SIZE,
        cursor=None,
        program=deps.program,
        repository=deps.recommendations,
    )
    return [item for item in found.items if takes_links(item.status)]


def _caller(visit: Visit) -> Caller:
    assert visit.caller is not None
    return visit.caller


def _team(visit: Visit, slug: str) -> Team:
    team = program_for(visit).team(slug)
    if team is None:
        raise NotFoundError(f"No team is called {slug!r}.")
    return team


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else allowed[0]


def _moves(item: InboxItemView) -> list[str]:
    """The marks the domain allows next for this item, in the order they are offered."""
    if item.team_state is None:
        return []
    allowed = TEAM_MOVES[item.team_state]
    return [state for state in (TeamState.ACKNOWLEDGED, TeamState.CONSIDERED) if state in allowed]
