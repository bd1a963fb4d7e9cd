"""Where the team workspace and the staff console are served until their own pages take these paths."""

from chalice.app import Request, Response

from chalicelib.domain.access import require_staff
from chalicelib.domain.errors import ForbiddenError
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.visit import Visit


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


def workspace(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    if not visit.caller.teams:
        raise ForbiddenError("Only the members of a team have a workspace.")
    return render_with_program(visit, "placeholder.html", heading=_("Team workspace"))


def console(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    require_staff(visit.caller)
    return render_with_program(visit, "placeholder.html", heading=_("Staff console"))
