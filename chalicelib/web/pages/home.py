"""The home page: the program, its policy goals and teams, and how feedback is handled."""

from chalice.app import Request, Response

from chalicelib.web.pages.common import render_with_program
from chalicelib.web.visit import Visit


def home(visit: Visit, request: Request) -> Response:
    return render_with_program(visit, "home.html")
