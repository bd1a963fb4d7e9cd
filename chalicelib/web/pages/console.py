"""The staff console at a glance: what waits in each review queue, the oldest wait, what is past the
program's target age, and links to the queues."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.services import console
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.pages.console_moderation import age
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


def at_a_glance(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    glance = console.at_a_glance(
        visit.caller,
        program=deps.program,
        listings=deps.listings,
        recommendations=deps.recommendations,
        clock=deps.clock,
    )
    words, now = Words(visit.language), deps.clock()
    return render_with_program(
        visit,
        "console.html",
        private=True,
        glance=glance,
        oldest={
            "moderation": age(words, glance.moderation.oldest, now) if glance.moderation.oldest else "",
            "approval": age(words, glance.approval.oldest, now) if glance.approval.oldest else "",
        },
    )
