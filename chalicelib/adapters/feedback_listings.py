"""The feedback listings people page through: the moderation queue, a team's inbox, a team's published
feedback, the screened items kept out of every inbox. Every screened item enters the first three or the
last, so those are spread over shards and read merged (chalicelib.adapters.sharded_paging); the
published feedback, written at a reviewer's pace, is one Query on an index (chalicelib.adapters.paging)."""

from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.feedback_items import feedback_from
from chalicelib.adapters.paging import Condition, IndexPage, query_page
from chalicelib.adapters.sharded_paging import ShardedPage, merged_count, merged_page
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.feedback_views import InboxFilter
from chalicelib.domain.paging import Page


@speaks_domain_errors
class DynamoFeedbackListings:
    def __init__(self, dynamodb: Any, table_name: str) -> None:
        self._dynamodb = dynamodb
        self._table = table_name

    def moderation_queue(
        self, program_id: str, team: str | None, limit: int, cursor: str | None
    ) -> Page[Feedback]:
        if team is None:
            return self._merged("GSI2", keys.moderation_queue(program_id), limit, cursor, oldest_first=True)
        return self._merged("GSI3", keys.moderation_queue(program_id, team), limit, cursor, oldest_first=True)

    def team_inbox(
        self,
        program_id: str,
        team: str,
        limit: int,
        cursor: str | None,
        oldest_first: bool,
        only: InboxFilter | None = None,
    ) -> Page[Feedback]:
        listing = keys.team_inbox(program_id, team)
        return self._merged("GSI1", listing, limit, cursor, oldest_first, _condition(only))

    def count_in_inbox(self, program_id: str, team: str, only: InboxFilter) -> int:
        listing = keys.team_inbox(program_id, team)
        return merged_count(self._dynamodb, self._table, "GSI1", listing, _condition(only))

    def screened_out(self, program_id: str, limit: int, cursor: str | None) -> Page[Feedback]:
        """Screened items in no team's inbox: suspected spam, and items rejected as spam."""
        return self._merged("GSI1", keys.screened_out(program_id), limit, cursor, oldest_first=True)

    def published(self, program_id: str, team: str, limit: int, cursor: str | None) -> Page[Feedback]:
        wanted = IndexPage("GSI3", keys.public_feedback(program_id, team), limit, cursor, oldest_first=False)
        return query_page(self._dynamodb, self._table, wanted, feedback_from)

    def _merged(
        self,
        index: str,
        listing: str,
        limit: int,
        cursor: str | None,
        oldest_first: bool,
        only: Condition | None = None,
    ) -> Page[Feedback]:
        wanted = ShardedPage(index, listing, limit, cursor, oldest_first, only)
        return merged_page(self._dynamodb, self._table, wanted, feedback_from)


def _condition(only: InboxFilter | None) -> Condition | None:
    if only is None:
        return None
    tests, values = [], {}
    if only.state is not None:
        tests.append("team_state = :state")
        values[":state"] = {"S": only.state.value}
    if only.policy_goal is not None:
        tests.append("contains(policy_goals, :goal)")
        values[":goal"] = {"S": only.policy_goal}
    return Condition(" AND ".join(tests), values) if tests else None
