"""Ask a question about an event: a plain form; the answer comes back by email."""

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import NotFoundError, ValidationFailedError
from chalicelib.domain.events import Event
from chalicelib.domain.question_views import QuestionForm
from chalicelib.services import event_questions
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.rendering import redirect
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

FIELDS = ("name", "email", "question")


def question_form(visit: Visit, request: Request, event_id: str) -> Response:
    event = _published(event_id)
    sent = dict(request.query_params or {}).get("sent") == "1"
    return _page(visit, event.title, event_id, dict.fromkeys(FIELDS, ""), {}, sent=sent)


def ask(visit: Visit, request: Request, event_id: str) -> Response:
    event = _published(event_id)
    fields = form_fields(request)
    typed = {name: first(fields, name) for name in FIELDS}
    deps = dependencies.current()
    try:
        form = QuestionForm.model_validate(typed)
    except ValidationError as error:
        problems = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
        return _page(visit, event.title, event_id, typed, _messages(visit, problems), status=422)
    try:
        event_questions.ask(
            event_id,
            form,
            program_id=deps.program.id,
            events=deps.events,
            repository=deps.questions,
            clock=deps.clock,
        )
    except ValidationFailedError as error:
        return _page(
            visit, event.title, event_id, typed, _messages(visit, {p.field for p in error.fields}), status=422
        )
    return redirect(visit.url(f"/events/{event_id}/ask", sent="1"))


def _published(event_id: str) -> Event:
    deps = dependencies.current()
    event = deps.events.get(deps.program.id, event_id)
    if event is None or not event.is_published:
        raise NotFoundError("No event has this id.")
    return event


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when a page shows it."""
    return message


MESSAGES = {
    "name": _("Enter your name"),
    "email": _("Enter an email address like name@example.org, so we can send the answer"),
    "question": _("Enter your question"),
}


def _messages(visit: Visit, problems: set[str]) -> dict[str, str]:
    words = Words(visit.language)
    return {name: words.gettext(message) for name, message in MESSAGES.items() if name in problems}


def _page(
    visit: Visit,
    title: str,
    event_id: str,
    typed: dict[str, str],
    errors: dict[str, str],
    *,
    sent: bool = False,
    status: int = 200,
) -> Response:
    return render_with_program(
        visit,
        "event_question.html",
        status=status,
        private=True,
        event_title=title,
        event_id=event_id,
        typed=typed,
        errors=errors,
        sent=sent,
    )
