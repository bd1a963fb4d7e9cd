"""The staff console's questions about events: the queue oldest first, and one question to claim (the
claim rule of every review queue) and answer; the answer is emailed to whoever asked."""

from datetime import datetime

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import ConflictError
from chalicelib.domain.identity import Caller
from chalicelib.domain.question_views import AnswerForm, QuestionClaim
from chalicelib.services import event_questions
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.pages.review_queues import problem_of
from chalicelib.web.rendering import redirect
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

QUEUE_PAGE_SIZE = 25


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


DONE = {
    "claimed": _("You are answering this question. Others see that it is yours for now."),
    "released": _("The question is back in the queue for anyone."),
    "answered": _("Answered. The answer is on its way to whoever asked."),
}
STEPS = {
    "asked": _("asked"),
    "claimed": _("claimed"),
    "released": _("gave it back"),
    "answered": _("answered"),
}
PROBLEMS = {
    "answer_missing": _("Enter the answer"),
    "held": _("Someone else is answering this question now"),
    "decided": _("This question has been answered already"),
    "changing": _("The question changed meanwhile; look at it again"),
}


def queue(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    found = event_questions.waiting_questions(
        visit.caller,
        limit=QUEUE_PAGE_SIZE,
        cursor=visit.query.get("cursor") or None,
        program_id=deps.program.id,
        repository=deps.questions,
    )
    return render_with_program(
        visit,
        "console_questions.html",
        private=True,
        items=found.items,
        cursor=found.cursor,
        done=_done(visit),
    )


def question(visit: Visit, request: Request, question_id: str) -> Response:
    return _question_page(visit, question_id)


def claim(visit: Visit, request: Request, question_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        event_questions.claim(
            visit.caller,
            question_id,
            events=deps.events,
            repository=deps.questions,
            clock=deps.clock,
            lease=deps.claim_lease,
        )
    except ConflictError as conflict:
        return _question_page(visit, question_id, problem=problem_of(conflict))
    return redirect(visit.url(f"/console/questions/{question_id}", done="claimed"))


def release(visit: Visit, request: Request, question_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        event_questions.release(
            visit.caller, question_id, events=deps.events, repository=deps.questions, clock=deps.clock
        )
    except ConflictError as conflict:
        return _question_page(visit, question_id, problem=problem_of(conflict))
    return redirect(visit.url("/console/questions", done="released"))


def answer(visit: Visit, request: Request, question_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    typed = first(form_fields(request), "answer")
    try:
        form = AnswerForm.model_validate({"answer": typed.replace("\r\n", "\n")})
    except ValidationError:
        return _question_page(visit, question_id, problem="answer_missing", typed=typed)
    try:
        event_questions.answer(
            visit.caller, question_id, form, events=deps.events, repository=deps.questions, clock=deps.clock
        )
    except ConflictError as conflict:
        return _question_page(visit, question_id, problem=problem_of(conflict), typed=typed)
    return redirect(visit.url(f"/console/questions/{question_id}", done="answered"))


def _question_page(visit: Visit, question_id: str, problem: str = "", typed: str = "") -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    shown = event_questions.question_to_answer(
        visit.caller, question_id, events=deps.events, repository=deps.questions
    )
    event = deps.events.get(deps.program.id, shown.event_id)
    words = Words(visit.language)
    errors = {"answer": words.gettext(PROBLEMS[problem])} if problem else {}
    return render_with_program(
        visit,
        "console_question.html",
        status=400 if errors else 200,
        private=True,
        question=shown,
        event_title=event.title if event else "",
        held_by_another=_held_by_another(shown.claim, visit.caller, deps.clock()),
        typed=typed,
        errors=errors,
        step_names={action: words.gettext(name) for action, name in STEPS.items()},
        done=_done(visit),
    )


def _held_by_another(claim: QuestionClaim | None, caller: Caller, now: datetime) -> bool:
    return claim is not None and claim.until > now and claim.claimed_by != caller.display_name


def _done(visit: Visit) -> str:
    key = visit.query.get("done", "")
    return Words(visit.language).gettext(DONE[key]) if key in DONE else ""
