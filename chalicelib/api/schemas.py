"""Response bodies of the public program routes."""

from chalicelib.domain.model import Model
from chalicelib.domain.program import PolicyGoal


class Health(Model):
    status: str


class TeamSummary(Model):
    slug: str
    name: str
    charter: str


class TeamList(Model):
    items: list[TeamSummary]


class ProgramView(Model):
    id: str
    name: str
    agency: str
    description: str
    policy_goals: list[PolicyGoal]
    teams: list[TeamSummary]


class CallerView(Model):
    subject: str
    username: str
    email: str | None
    groups: list[str]
    roles: list[str]
    teams: list[str]
