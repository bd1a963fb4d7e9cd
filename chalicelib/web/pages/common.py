"""What every page shows: the program, in the visitor's language."""

from typing import Any

from chalice.app import Response

from chalicelib import dependencies
from chalicelib.domain.program import Program
from chalicelib.web.rendering import render
from chalicelib.web.visit import Visit


def program_for(visit: Visit) -> Program:
    return dependencies.current().program.in_language(visit.language)


def render_with_program(visit: Visit, template: str, **values: Any) -> Response:
    return render(visit, template, program=program_for(visit), **values)
