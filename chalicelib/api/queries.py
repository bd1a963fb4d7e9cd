"""Query-string parameters shared by the listings: page size, cursor, filters."""

from typing import Any

from chalicelib.api.routing import Parameter
from chalicelib.domain.errors import FieldProblem, ValidationFailedError
from chalicelib.domain.feedback import VOCABULARY
from chalicelib.domain.paging import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

PAGING_PARAMETERS = (
    Parameter(
        "limit",
        "query",
        f"How many items a page holds (1 to {MAX_PAGE_SIZE}, default {DEFAULT_PAGE_SIZE}).",
        schema={"type": "string", "pattern": "^(100|[1-9][0-9]?)$"},
    ),
    Parameter(
        "cursor",
        "query",
        "The `cursor` of the previous page, to get the next one; opaque, and only good for the same listing.",
        schema={"type": "string", "minLength": 1, "maxLength": 2048},
    ),
)


def query_params(request: Any) -> dict[str, str]:
    return dict(request.query_params or {})


def page_size(params: dict[str, str]) -> int:
    raw = params.get("limit")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationFailedError(
            "The page size is out of range.",
            [FieldProblem("limit", f"must be a whole number from 1 to {MAX_PAGE_SIZE}")],
        )
    return int(raw)


def cursor_of(params: dict[str, str]) -> str | None:
    cursor = params.get("cursor")
    if cursor is not None and (not cursor or len(cursor) > 2048):
        raise ValidationFailedError(
            "The cursor is not one this listing gave out.",
            [FieldProblem("cursor", "is not a cursor from this listing; start again without it")],
        )
    return cursor


def one_of(params: dict[str, str], name: str, allowed: list[str], default: str | None = None) -> str | None:
    value = params.get(name, default)
    if value is not None and value not in allowed:
        raise ValidationFailedError(
            f"The {name} filter has an unknown value.",
            [FieldProblem(name, f"must be one of: {', '.join(allowed)}")],
        )
    return value


def channel_parameter(name: str, location: str, description: str, required: bool = False) -> Parameter:
    """A team slug, `general` or `site`."""
    return Parameter(name, location, description, required, {"type": "string", VOCABULARY: "channels"})


def team_parameter(name: str, location: str, description: str, required: bool = False) -> Parameter:
    return Parameter(name, location, description, required, {"type": "string", VOCABULARY: "teams"})


def policy_goal_parameter(name: str, description: str) -> Parameter:
    return Parameter(name, "query", description, schema={"type": "string", VOCABULARY: "policy_goals"})


RECOMMENDATION_ID = Parameter("recommendation_id", "path", "The recommendation's id.", required=True)
