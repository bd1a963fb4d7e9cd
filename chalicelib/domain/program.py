"""A program under public review: its policy goals and development teams. Programs are data."""

from collections.abc import Sequence
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from chalicelib.domain.model import Model

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]

# Feedback channels that exist for every program besides its teams.
GENERAL_CHANNEL = "general"
SITE_CHANNEL = "site"
RESERVED_CHANNELS = frozenset({GENERAL_CHANNEL, SITE_CHANNEL})


class PolicyGoal(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    text: str = Field(min_length=1)


class Team(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slug: Slug
    name: str = Field(min_length=1)
    charter: str = Field(min_length=1)
    works_across_teams: bool = False

    @property
    def group_name(self) -> str:
        return f"team-{self.slug}"


class TeamText(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    charter: str = Field(min_length=1)


class ProgramText(Model):
    """The program's words in another language; what is missing stays in the original."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    agency: str | None = None
    description: str | None = None
    policy_goals: dict[str, str] = Field(default_factory=dict)
    teams: dict[str, TeamText] = Field(default_factory=dict)


class Commitments(Model):
    """What the agency promises on the site's accessibility and privacy statements; the agency edits them
    in the program file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    barrier_response_business_days: int = Field(default=5, ge=1, le=30)
    # How long an item or a revision may wait for a reviewer before the console calls it late.
    review_target_working_days: int = Field(default=2, ge=1, le=30)
    contact_phone: str | None = None
    contact_address: str | None = None


class Program(Model):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    name: str = Field(min_length=1)
    agency: str = Field(min_length=1)
    description: str = ""
    policy_goals: tuple[PolicyGoal, ...] = Field(min_length=1)
    teams: tuple[Team, ...] = Field(min_length=1)
    translations: dict[str, ProgramText] = Field(default_factory=dict)
    commitments: Commitments = Field(default_factory=Commitments)
    # Where the agency works: its working days (Monday to Friday) are counted on this clock.
    time_zone: str = "America/Chicago"

    @model_validator(mode="after")
    def _identifiers_are_unique(self) -> "Program":
        slugs = [team.slug for team in self.teams]
        if len(set(slugs)) != len(slugs):
            raise ValueError("team slugs must be unique")
        if RESERVED_CHANNELS & set(slugs):
            raise ValueError(f"team slugs may not be one of {sorted(RESERVED_CHANNELS)}")
        goal_ids = [goal.id for goal in self.policy_goals]
        if len(set(goal_ids)) != len(goal_ids):
            raise ValueError("policy goal ids must be unique")
        for language, text in self.translations.items():
            if set(text.policy_goals) - set(goal_ids) or set(text.teams) - set(slugs):
                raise ValueError(f"the {language!r} translation names a goal or team the program lacks")
        return self

    def in_language(self, language: str) -> "Program":
        """The same program, its words in `language` where it has them."""
        text = self.translations.get(language)
        if text is None:
            return self
        return self.model_copy(
            update={
                "name": text.name or self.name,
                "agency": text.agency or self.agency,
                "description": text.description or self.description,
                "policy_goals": tuple(
                    goal.model_copy(update={"text": text.policy_goals.get(goal.id, goal.text)})
                    for goal in self.policy_goals
                ),
                "teams": tuple(
                    team.model_copy(update=dict(text.teams[team.slug])) if team.slug in text.teams else team
                    for team in self.teams
                ),
            }
        )

    def team(self, slug: str) -> Team | None:
        return next((team for team in self.teams if team.slug == slug), None)

    def accepts_channel(self, channel: str) -> bool:
        return channel in RESERVED_CHANNELS or self.team(channel) is not None

    def vocabulary(self, name: str) -> list[str]:
        if name == "channels":
            return [team.slug for team in self.teams] + sorted(RESERVED_CHANNELS)
        if name == "teams":
            return [team.slug for team in self.teams]
        if name == "policy_goals":
            return [goal.id for goal in self.policy_goals]
        raise KeyError(name)

    def has_policy_goal(self, goal_id: str) -> bool:
        return any(goal.id == goal_id for goal in self.policy_goals)

    def policy_goal_problems(self, goal_ids: Sequence[str]) -> dict[str, str]:
        """What is wrong with a list of policy goals someone chose, by field."""
        problems = {
            f"policy_goals.{index}": f"unknown policy goal {goal!r}"
            for index, goal in enumerate(goal_ids)
            if not self.has_policy_goal(goal)
        }
        if len(set(goal_ids)) != len(goal_ids):
            problems["policy_goals"] = "must not repeat a policy goal"
        return problems
