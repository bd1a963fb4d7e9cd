"""The submitter's receipt page: where their feedback stands, each step with its date, and the published
recommendations that answer it. Served at the API's own address to browsers; anything but the right
receipt is the site's 404, so nobody learns that an item exists."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.errors import NotFoundError
from chalicelib.domain.program import SITE_CHANNEL
from chalicelib.services.feedback import view_by_receipt
from chalicelib.web.feedback_words import channel_name, now_words, shown_steps
from chalicelib.web.pages.common import program_for, render_with_program
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


def receipt(visit: Visit, request: Request, feedback_id: str) -> Response:
    given = request.query_params.getlist("receipt") if request.query_params else []
    if len(given) != 1:
        raise NotFoundError("A receipt page needs exactly one receipt.")
    deps = dependencies.current()
    view = view_by_receipt(
        feedback_id, given[0], program=deps.program, repository=deps.feedback, citations=deps.recommendations
    )
    words = Words(visit.language)
    program = program_for(visit)
    return render_with_program(
        visit,
        "receipt.html",
        private=True,
        view=view,
        channel=channel_name(program, view.team, words),
        now=now_words(view, words),
        steps=shown_steps(view, words),
        answerable=view.team != SITE_CHANNEL,
        citing=view.cited_by,
        team_names={team.slug: team.name for team in program.teams},
    )
