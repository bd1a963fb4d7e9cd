"""The feedback form: a team or General, the text, who is sending it, and whether it may be published.
A plain form post, so it works without JavaScript; sent through the same service as `POST /feedback`."""

from chalice.app import Request, Response

from chalicelib.domain.program import GENERAL_CHANNEL, Program
from chalicelib.web.feedback_entry import Fault, FormEntry, send
from chalicelib.web.feedback_words import (
    CHANNELS,
    GENERAL_HINT,
    channel_name,
    consent_choices,
    role_choices,
)
from chalicelib.web.form_messages import FEEDBACK_MESSAGES
from chalicelib.web.forms import form_fields
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.sending import render_form, render_sent
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


def feedback_form(visit: Visit, request: Request) -> Response:
    chosen = visit.query.get("team", "")
    program = program_for(visit)
    team = chosen if program.team(chosen) or chosen == GENERAL_CHANNEL else ""
    return _form(visit, FormEntry.fresh(team=team))


def send_feedback(visit: Visit, request: Request) -> Response:
    entry = FormEntry.posted(form_fields(request))
    outcome = send(entry, request)
    if isinstance(outcome, list):
        return _form(visit, entry.to_show_again(outcome), outcome)
    words = Words(visit.language)
    return render_sent(
        visit,
        request,
        "feedback_sent.html",
        outcome,
        consent=entry.consent == "yes",
        has_email=bool(entry.email.strip()),
        team_name=channel_name(program_for(visit), entry.team, words),
    )


def _form(visit: Visit, entry: FormEntry, faults: list[Fault] | None = None) -> Response:
    words = Words(visit.language)
    program = program_for(visit)
    return render_form(
        visit,
        "feedback_form.html",
        entry,
        faults,
        FEEDBACK_MESSAGES,
        channels=_channels(program, words),
        policy_goals=[(goal.id, goal.text) for goal in program.policy_goals],
        roles=role_choices(words),
        consent_choices=consent_choices(words),
    )


def _channels(program: Program, words: Words) -> list[tuple[str, ...]]:
    return [
        *((team.slug, team.name) for team in program.teams),
        (GENERAL_CHANNEL, words.gettext(CHANNELS[GENERAL_CHANNEL]), words.gettext(GENERAL_HINT)),
    ]
