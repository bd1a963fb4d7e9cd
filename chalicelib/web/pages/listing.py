"""What the reading pages share: a page of a listing from a link's cursor, and the words a form keeps."""

from collections.abc import Callable
from typing import Any, TypeVar

from chalicelib.domain.errors import ValidationFailedError
from chalicelib.domain.paging import MAX_PAGE_SIZE
from chalicelib.web.languages import DEFAULT_LANGUAGE, LANGUAGE_PARAMETER
from chalicelib.web.pages.common import program_for
from chalicelib.web.visit import Visit

Listed = TypeVar("Listed")


def page_from_link(fetch: Callable[[str | None], Listed], cursor: str | None) -> tuple[Listed, bool]:
    """The page a link's cursor continues to; the first page, and True, when the cursor is not this
    listing's (an old bookmark, a hand-edited address)."""
    try:
        return fetch(cursor), False
    except ValidationFailedError:
        if cursor is None:
            raise
        return fetch(None), True


def cursor_in(visit: Visit) -> str | None:
    return visit.query.get("cursor") or None


def page_size_in(visit: Visit, default: int) -> int:
    """The page size a link asks for, as the API's `limit`; the page's own for none or nonsense."""
    raw = visit.query.get("limit", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= 3 and 1 <= int(raw) <= MAX_PAGE_SIZE:
        return int(raw)
    return default


def language_fields(visit: Visit) -> dict[str, str]:
    """Hidden fields a GET form sends so its answer comes in the page's language: a form's action loses
    its own query string."""
    return {} if visit.language == DEFAULT_LANGUAGE else {LANGUAGE_PARAMETER: visit.language}


def program_values(visit: Visit) -> dict[str, Any]:
    """The program in the visitor's language, with its team names and policy goal texts by id."""
    program = program_for(visit)
    return {
        "program": program,
        "team_names": {team.slug: team.name for team in program.teams},
        "goal_texts": {goal.id: goal.text for goal in program.policy_goals},
    }
