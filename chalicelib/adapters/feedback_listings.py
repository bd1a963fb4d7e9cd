"""The feedback listings people page through: the moderation queue, a team's inbox, a team's published
feedback, the screened items kept out of every inbox. Each is one Query on an index (see
chalicelib.adapters.paging)."""

from typing import Any

from chalicelib.adapters import keys
from chalicelib.adapters.aws_errors import speaks_domain_errors
from chalicelib.adapters.feedback_items import feedback_from
from chalicelib.adapters.paging import IndexPage, query_page
from chalicelib.domain.feedback import Feedback
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
            return self._page("GSI2", keys.moderation_queue(program_id), limit, cursor, oldest_first=True)
        return self._page("GSI3", keys.moderation_queue(program_id, team), limit, cursor, oldest_first=True)

    def team_inbox(
        self, program_id: str, team: str, limit: int, cursor: str | None, oldest_first: bool
    ) -> Page[Feedback]:
        return self._page("GSI1", keys.team_inbox(program_id, team), limit, cursor, oldest_first)

    def screened_out(self, program_id: str, limit: int, cursor: str | None) -> Page[Feedback]:
        """Screened items in no team's inbox: suspected spam, and items rejected as spam."""
        return self._page("GSI1", keys.screened_out(program_id), limit, cursor, oldest_first=True)

    def published(self, program_id: str, team: str, limit: int, cursor: str | None) -> Page[Feedback]:
        return self._page("GSI3", keys.public_feedback(program_id, team), limit, cursor, oldest_first=False)

    def _page(
        self, index: str, partition: str, limit: int, cursor: str | None, oldest_first: bool
    ) -> Page[Feedback]:
        return query_page(
            self._dynamodb,
            self._table,
            IndexPage(index, partition, limit, cursor, oldest_first),
            feedback_from,
        )
