"""What changes from one text of a recommendation to another: its title and text, line by line and word
by word, and the policy goals it gains or loses."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pydantic import ConfigDict

from chalicelib.domain.model import Model
from chalicelib.domain.text_diff import TextDiff, diff_document


class Wording(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def body(self) -> str: ...

    @property
    def policy_goals(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class UnsavedWording:
    """What a member has written and not saved yet."""

    title: str
    body: str
    policy_goals: tuple[str, ...]


class WordingChanges(Model):
    model_config = ConfigDict(frozen=True)

    title: TextDiff
    body: TextDiff
    policy_goals_added: tuple[str, ...]
    policy_goals_removed: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return (
            self.title.identical
            and self.body.identical
            and not self.policy_goals_added
            and not self.policy_goals_removed
        )


def changes_between(old: Wording, new: Wording) -> WordingChanges:
    return WordingChanges(
        title=diff_document(old.title, new.title),
        body=diff_document(old.body, new.body),
        policy_goals_added=tuple(goal for goal in new.policy_goals if goal not in old.policy_goals),
        policy_goals_removed=tuple(goal for goal in old.policy_goals if goal not in new.policy_goals),
    )
