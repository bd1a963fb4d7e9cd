"""The editor: a new revision of a recommendation, written against the revision it was opened from, with
a preview drawn on the server; when another member saved first, both texts and their diff, and what this
person wrote kept in the editor."""

from typing import Any

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import ForbiddenError, StaleVersionError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_records import StaleRevisionError
from chalicelib.domain.recommendation_views import NewRevision, RevisionView
from chalicelib.domain.text_diff import diff_document
from chalicelib.services import recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.markdown import rendered_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import program_values
from chalicelib.web.pages.working_copy import may_edit
from chalicelib.web.rendering import redirect, render
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

FIELDS = ("title", "policy_goals", "body", "change_summary")


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


MESSAGES = {
    "title": _("Enter a title"),
    "policy_goals": _("Choose policy goals from the list"),
    "body": _("Enter the text of the recommendation"),
    "change_summary": _("Say in a sentence or two what this revision changes"),
}


def edit_form(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    view = recommendations.working_copy(
        caller, recommendation_id, repository=dependencies.current().recommendations
    )
    if not may_edit(caller, view.recommendation):
        raise ForbiddenError("Only this team's members may write a new revision, and not of a rejected one.")
    current = _current(caller, recommendation_id)
    entry = {
        "title": current.title,
        "policy_goals": list(current.policy_goals),
        "body": current.body,
        "change_summary": "",
    }
    return _editor(visit, recommendation_id, entry, base=current.number)


def save(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    fields = form_fields(request)
    entry: dict[str, Any] = {
        "title": first(fields, "title").strip(),
        "policy_goals": fields.get("policy_goals", []),
        "body": first(fields, "body").replace("\r\n", "\n"),
        "change_summary": first(fields, "change_summary").strip(),
    }
    base_text = first(fields, "base_revision")
    base = int(base_text) if base_text.isascii() and base_text.isdigit() else 0
    if first(fields, "action") == "preview":
        return _editor(visit, recommendation_id, entry, base=base, preview=True)
    try:
        revision = NewRevision.model_validate({**entry, "base_revision": base})
        recommendations.revise_recommendation(
            caller,
            recommendation_id,
            revision,
            program=deps.program,
            repository=deps.recommendations,
            clock=deps.clock,
        )
    except ValidationError as invalid:
        wrong = {str(error["loc"][0]) for error in invalid.errors() if error["loc"]}
        if "base_revision" in wrong:
            return _conflict(visit, caller, recommendation_id, entry)
        return _editor(visit, recommendation_id, entry, base=base, errors=_errors(wrong))
    except ValidationFailedError as invalid:
        return _editor(
            visit, recommendation_id, entry, base=base, errors=_errors({p.field for p in invalid.fields})
        )
    except (StaleRevisionError, StaleVersionError):
        return _conflict(visit, caller, recommendation_id, entry)
    return redirect(visit.url(f"/workspace/recommendations/{recommendation_id}", done="saved"))


def _conflict(visit: Visit, caller: Caller, recommendation_id: str, entry: dict[str, Any]) -> Response:
    saved = _current(caller, recommendation_id)
    return _editor(
        visit,
        recommendation_id,
        entry,
        base=saved.number,
        status=409,
        conflict=saved,
        diff=diff_document(saved.body, entry["body"]),
    )


def _editor(
    visit: Visit,
    recommendation_id: str,
    entry: dict[str, Any],
    *,
    base: int,
    status: int = 200,
    errors: dict[str, str] | None = None,
    **values: Any,
) -> Response:
    errors = errors or {}
    values = {"conflict": None, "diff": None, "preview": False, **values}
    return render(
        visit,
        "editor.html",
        **program_values(visit),
        recommendation_id=recommendation_id,
        entry=entry,
        base_revision=base,
        translated_errors={name: Words(visit.language).gettext(message) for name, message in errors.items()},
        goal_items=[(goal.id, goal.text) for goal in program_for(visit).policy_goals],
        rendered_markdown=rendered_markdown,
        status=status,
        private=True,
        **values,
    )


def _errors(wrong: set[str]) -> dict[str, str]:
    return {name: MESSAGES[name] for name in FIELDS if name in wrong}


def _current(caller: Caller, recommendation_id: str) -> RevisionView:
    view = recommendations.working_copy(
        caller, recommendation_id, repository=dependencies.current().recommendations
    )
    return next(
        revision for revision in view.revisions if revision.number == view.recommendation.current_revision
    )


def _caller(visit: Visit) -> Caller:
    assert visit.caller is not None
    return visit.caller
