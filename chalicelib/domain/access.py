"""Who may see or change what, checked on each object."""

from chalicelib.domain.errors import ForbiddenError
from chalicelib.domain.identity import Caller
from chalicelib.domain.program import Program


def require_staff(caller: Caller) -> None:
    if not caller.is_staff:
        raise ForbiddenError("Only agency staff may do this.")


def may_work_inbox(caller: Caller, program: Program, channel: str) -> bool:
    """Staff work every inbox; a team its own; a team that works across teams (its charter says so) all."""
    if caller.is_staff or caller.is_member_of(channel):
        return True
    return any(team.works_across_teams and caller.is_member_of(team.slug) for team in program.teams)


def require_inbox_access(caller: Caller, program: Program, channel: str) -> None:
    if not may_work_inbox(caller, program, channel):
        raise ForbiddenError("Only this team's members and agency staff may see its inbox.")
