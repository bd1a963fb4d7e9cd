"""Where the staff console is served until its own pages take this path."""

from chalice.app import Request, Response

from chalicelib.domain.access import require_staff
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.visit import Visit


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


def console(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    require_staff(visit.caller)
    return render_with_program(visit, "placeholder.html", heading=_("Staff console"))
