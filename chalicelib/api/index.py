"""GET /: what a person opening the API's address reads, in place of the gateway's "Missing Authentication
Token". Its own blueprint, so the public site can take `/` for browsers and leave this to API clients."""

from typing import Any

from chalice.app import Blueprint

from chalicelib import dependencies
from chalicelib.api.routing import Operation, endpoint
from chalicelib.domain.model import Model

index_routes = Blueprint(__name__)


class ApiIndex(Model):
    name: str
    description: str
    openapi: str
    links: dict[str, str]


@endpoint(
    index_routes,
    Operation(
        "/",
        "GET",
        "What this API is, where its full description is, and where to start",
        "docs",
        {200: ApiIndex},
    ),
)
def index() -> ApiIndex:
    program = dependencies.current().program
    base = _base_path(index_routes.current_request.context)
    return ApiIndex(
        name=f"Public review of the {program.name}",
        description=(
            f"{program.agency} asks the public what it thinks of the program: send feedback to a "
            "development team, follow it with its receipt, and read the recommendations it led to."
        ),
        openapi=f"{base}/openapi.json",
        links={
            "program": f"{base}/program",
            "teams": f"{base}/teams",
            "send feedback": f"{base}/feedback",
            "recommendations": f"{base}/recommendations",
        },
    )


def _base_path(context: dict[str, Any]) -> str:
    # Behind API Gateway's own address the stage leads the path (`/api/`); locally and on a custom domain
    # the API sits at `/`.
    return str(context.get("path") or "/").rstrip("/")
