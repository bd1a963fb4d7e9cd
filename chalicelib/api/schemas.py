"""Response bodies of the public program routes."""

from pydantic import BaseModel

from chalicelib.domain.program import PolicyGoal


class Health(BaseModel):
    status: str


class TeamSummary(BaseModel):
    slug: str
    name: str
    charter: str


class TeamList(BaseModel):
    items: list[TeamSummary]


class ProgramView(BaseModel):
    id: str
    name: str
    agency: str
    description: str
    policy_goals: list[PolicyGoal]
    teams: list[TeamSummary]


class CallerView(BaseModel):
    subject: str
    username: str
    email: str | None
    groups: list[str]
    roles: list[str]
    teams: list[str]
