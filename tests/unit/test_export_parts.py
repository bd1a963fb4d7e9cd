"""An export too large for one response comes in parts; following each part's cursor yields every row
exactly once, across all the listings it reads."""

import pytest

from chalicelib.domain.errors import ValidationFailedError
from chalicelib.domain.paging import Page
from chalicelib.services.exports import Source, export_in_parts

COLUMNS = ("id", "body")


def listing(name: str, size: int, page_size: int) -> Source:
    rows = [{"id": f"{name}-{n}", "body": "x" * 10} for n in range(size)]

    def read(after: str | None) -> Page[dict[str, str]]:
        start = int(after) if after else 0
        end = start + page_size
        return Page(rows[start:end], str(end) if end < len(rows) else None)

    return Source(read, lambda page: list(page.items))


def every_part(sources: list[Source], budget: int) -> list[list[str]]:
    parts, cursor = [], None
    while True:
        part = export_in_parts(COLUMNS, sources, cursor, text_budget=budget)
        parts.append([row["id"] for row in part.rows])
        if part.cursor is None:
            return parts
        cursor = part.cursor


def test_following_the_cursors_yields_every_row_of_every_listing_once_in_order():
    sources = [listing("a", 7, 3), listing("b", 0, 3), listing("c", 5, 2)]

    parts = every_part(sources, budget=40)

    everything = [row for part in parts for row in part]
    assert everything == [f"a-{n}" for n in range(7)] + [f"c-{n}" for n in range(5)]
    assert [len(part) for part in parts] == [6, 5, 1]  # each part ends with the page that passed 40


def test_an_export_within_the_budget_is_one_part_without_a_cursor():
    part = export_in_parts(COLUMNS, [listing("a", 4, 2), listing("b", 3, 2)], None)

    assert [row["id"] for row in part.rows] == ["a-0", "a-1", "a-2", "a-3", "b-0", "b-1", "b-2"]
    assert part.cursor is None


@pytest.mark.parametrize("cursor", ["", "not base64!", "bnVsbA", "eyJsaXN0aW5nIjo1LCJhZnRlciI6bnVsbH0"])
def test_a_cursor_the_export_did_not_give_out_is_refused_naming_the_field(cursor):
    with pytest.raises(ValidationFailedError) as refused:
        export_in_parts(COLUMNS, [listing("a", 1, 1)], cursor or "x")

    assert [problem.field for problem in refused.value.fields] == ["cursor"]
