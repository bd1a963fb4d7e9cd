"""The signed-in caller's own identity."""

from chalice.app import Blueprint

from chalicelib.api.auth import caller_from, cognito_token
from chalicelib.api.errors import ErrorBody
from chalicelib.api.routing import Operation, endpoint
from chalicelib.api.schemas import CallerView

identity_routes = Blueprint(__name__)


@endpoint(
    identity_routes,
    Operation(
        "/me",
        "GET",
        "Who am I, and which roles do I hold",
        "identity",
        {200: CallerView, 401: ErrorBody},
        signed_in=True,
    ),
    authorizer=cognito_token,
)
def me() -> CallerView:
    caller = caller_from(identity_routes.current_request.context)
    return CallerView(
        subject=caller.subject,
        username=caller.username,
        email=caller.email,
        groups=list(caller.groups),
        roles=caller.roles,
        teams=list(caller.teams),
    )
