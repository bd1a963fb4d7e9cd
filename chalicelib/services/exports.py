"""CSV exports of feedback and recommendations: the public's hold what the public pages show; staff's add
moderation and review columns. An export reads the same listings the pages read, one after another, and
stops once a response would grow too large; its cursor says which listing, and where in it, to go on."""

import base64
import binascii
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from chalicelib.domain import exports
from chalicelib.domain.clusters import ClusterSummary
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.exports import ExportPart, Row
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.identity import Caller
from chalicelib.domain.paging import Page
from chalicelib.domain.program import Program
from chalicelib.domain.recommendation_records import ListedRecommendation, Listing, Recommendation
from chalicelib.domain.transparency import decision_of
from chalicelib.services.moderation import ClusterIndex, with_clusters

# A response stays well under Lambda's 6 MB: pages are added until the text passes this many characters.
TEXT_BUDGET = 3_000_000
_PAGE = 100


class Inboxes(Protocol):
    def team_inbox(
        self, program_id: str, team: str, limit: int, cursor: str | None, oldest_first: bool
    ) -> Page[Feedback]: ...


class ScreenedFeedbackListings(Inboxes, Protocol):
    def screened_out(self, program_id: str, limit: int, cursor: str | None) -> Page[Feedback]: ...


class FeedbackExportListings(ScreenedFeedbackListings, Protocol):
    def published(self, program_id: str, team: str, limit: int, cursor: str | None) -> Page[Feedback]: ...


class RecommendationExportListings(Protocol):
    def published(
        self, program_id: str, listing: Listing, limit: int, cursor: str | None
    ) -> Page[ListedRecommendation]: ...

    def team_recommendations(
        self, program_id: str, team: str, limit: int, cursor: str | None
    ) -> Page[Recommendation]: ...

    def revision_bodies(self, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], str]: ...


_Read = Callable[[str | None], Page[Any]]


@dataclass(frozen=True)
class Source:
    """One listing an export reads, and how a page of it becomes rows."""

    read: _Read
    rows: Callable[[Page[Any]], list[Row]]


def feedback_export(
    caller: Caller | None,
    cursor: str | None,
    *,
    program: Program,
    listings: FeedbackExportListings,
    index: ClusterIndex,
) -> ExportPart:
    channels = program.vocabulary("channels")

    def shown(row: Callable[[Feedback, ClusterSummary | None], Row]) -> Callable[[Page[Feedback]], list[Row]]:
        return lambda page: with_clusters(page, index, row)

    if caller is not None and caller.is_staff:
        staff_rows = shown(exports.staff_feedback_row)
        # Every screened item once, those kept out of the inboxes too: so every row the public export holds.
        sources = [Source(read, staff_rows) for read in screened_feedback(listings, program)]
        return export_in_parts(exports.STAFF_FEEDBACK_COLUMNS, sources, cursor)
    public_rows = shown(exports.public_feedback_row)
    public = [Source(_team_page(listings, program.id, channel), public_rows) for channel in channels]
    return export_in_parts(exports.PUBLIC_FEEDBACK_COLUMNS, public, cursor)


def decisions_export(
    cursor: str | None, *, program: Program, listings: ScreenedFeedbackListings
) -> ExportPart:
    def rows(page: Page[Feedback]) -> list[Row]:
        return [exports.decision_row(decision_of(item)) for item in page.items]

    sources = [Source(read, rows) for read in screened_feedback(listings, program)]
    return export_in_parts(exports.DECISION_COLUMNS, sources, cursor)


def screened_feedback(listings: ScreenedFeedbackListings, program: Program) -> list[_Read]:
    """Every screened item exactly once: each channel's inbox, then the items kept out of every inbox."""
    inboxes = [_inbox(listings, program.id, channel) for channel in program.vocabulary("channels")]
    return [*inboxes, lambda after: listings.screened_out(program.id, _PAGE, after)]


def every_published_recommendation(repository: RecommendationExportListings, program_id: str) -> _Read:
    return lambda after: repository.published(program_id, Listing(), _PAGE, after)


def recommendations_export(
    caller: Caller | None,
    cursor: str | None,
    *,
    program: Program,
    repository: RecommendationExportListings,
) -> ExportPart:
    if caller is not None and caller.is_staff:

        def staff_rows(page: Page[Recommendation]) -> list[Row]:
            bodies = repository.revision_bodies(
                [(item.id, item.approved_revision) for item in page.items if item.approved_revision]
            )
            return [
                exports.staff_recommendation_row(item, bodies.get((item.id, item.approved_revision or 0), ""))
                for item in page.items
            ]

        teams = program.vocabulary("teams")
        sources = [Source(_team_recommendations(repository, program.id, team), staff_rows) for team in teams]
        return export_in_parts(exports.STAFF_RECOMMENDATION_COLUMNS, sources, cursor)

    def public_rows(page: Page[ListedRecommendation]) -> list[Row]:
        bodies = repository.revision_bodies([(item.id, item.publication.revision) for item in page.items])
        return [
            exports.public_recommendation_row(item, bodies.get((item.id, item.publication.revision), ""))
            for item in page.items
        ]

    every_published = every_published_recommendation(repository, program.id)
    return export_in_parts(
        exports.PUBLIC_RECOMMENDATION_COLUMNS, [Source(every_published, public_rows)], cursor
    )


def _team_page(listings: FeedbackExportListings, program_id: str, channel: str) -> _Read:
    return lambda after: listings.published(program_id, channel, _PAGE, after)


def _inbox(listings: Inboxes, program_id: str, channel: str) -> _Read:
    return lambda after: listings.team_inbox(program_id, channel, _PAGE, after, True)


def _team_recommendations(repository: RecommendationExportListings, program_id: str, team: str) -> _Read:
    return lambda after: repository.team_recommendations(program_id, team, _PAGE, after)


def read_every_page(read: _Read) -> Iterator[Any]:
    after: str | None = None
    while True:
        page = read(after)
        yield from page.items
        if page.cursor is None:
            return
        after = page.cursor


def export_in_parts(
    columns: tuple[str, ...], sources: Sequence[Source], cursor: str | None, text_budget: int = TEXT_BUDGET
) -> ExportPart:
    """The rows from `cursor` on, source after source, ending after the page that passes the budget."""
    position, after = _decode(cursor, len(sources))
    rows: list[Row] = []
    size = 0
    while position < len(sources):
        page = sources[position].read(after)
        part = sources[position].rows(page)
        rows.extend(part)
        size += sum(len(value) for row in part for value in row.values())
        if page.cursor is None:
            position, after = position + 1, None
        else:
            after = page.cursor
        if size >= text_budget and position < len(sources):
            return ExportPart(columns, rows, _encode(position, after))
    return ExportPart(columns, rows, None)


def _encode(position: int, after: str | None) -> str:
    document = json.dumps({"listing": position, "after": after}, separators=(",", ":"))
    return base64.urlsafe_b64encode(document.encode()).decode().rstrip("=")


def _decode(cursor: str | None, sources: int) -> tuple[int, str | None]:
    if cursor is None:
        return 0, None
    problem = ValidationFailedError(
        "The cursor is not one this export gave out.",
        [FieldProblem("cursor", "is not a cursor from this export; start again without it")],
    )
    try:
        document = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeError, binascii.Error):
        raise problem from None
    if not isinstance(document, dict) or set(document) != {"listing", "after"}:
        raise problem
    position, after = document["listing"], document["after"]
    if type(position) is not int or not 0 <= position < sources or not isinstance(after, str | None):
        raise problem
    return position, after
