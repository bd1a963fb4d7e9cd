"""Public, read-only routes: health, the program under review, its teams."""

from chalice.app import Blueprint

from chalicelib import dependencies
from chalicelib.api.routing import Operation, endpoint
from chalicelib.api.schemas import Health, ProgramView, TeamList, TeamSummary
from chalicelib.domain.program import Program

public_routes = Blueprint(__name__)


def _teams(program: Program) -> list[TeamSummary]:
    return [TeamSummary(slug=team.slug, name=team.name, charter=team.charter) for team in program.teams]


@endpoint(public_routes, Operation("/health", "GET", "Liveness check", "public", {200: Health}))
def health() -> Health:
    return Health(status="ok")


@endpoint(
    public_routes, Operation("/program", "GET", "The program under review", "public", {200: ProgramView})
)
def program() -> ProgramView:
    current = dependencies.current().program
    return ProgramView(
        id=current.id,
        name=current.name,
        agency=current.agency,
        description=current.description,
        policy_goals=list(current.policy_goals),
        teams=_teams(current),
    )


@endpoint(
    public_routes,
    Operation("/teams", "GET", "The development teams and their charters", "public", {200: TeamList}),
)
def teams() -> TeamList:
    return TeamList(items=_teams(dependencies.current().program))
