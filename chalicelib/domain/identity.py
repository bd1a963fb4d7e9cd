"""Who is calling, and what their Cognito groups let them do."""

from dataclasses import dataclass

ADMIN_GROUP = "admin"
STAFF_GROUP = "staff"
TEAM_GROUP_PREFIX = "team-"


@dataclass(frozen=True)
class Caller:
    subject: str
    username: str
    email: str | None
    groups: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """How others see them in a history or a claim: their email, else their username."""
        return self.email or self.username or self.subject

    @property
    def is_admin(self) -> bool:
        return ADMIN_GROUP in self.groups

    @property
    def is_staff(self) -> bool:
        return STAFF_GROUP in self.groups or self.is_admin

    @property
    def teams(self) -> tuple[str, ...]:
        return tuple(
            group.removeprefix(TEAM_GROUP_PREFIX)
            for group in self.groups
            if group.startswith(TEAM_GROUP_PREFIX)
        )

    @property
    def roles(self) -> list[str]:
        roles = [group for group in (ADMIN_GROUP, STAFF_GROUP) if group in self.groups]
        return roles + [f"member:{team}" for team in self.teams]

    def is_member_of(self, team: str) -> bool:
        return team in self.teams
