"""The editor: a new recommendation for a team, or a new revision of one written against the revision it
was opened from, with a preview drawn on the server; when another member saved first, both texts and what
changes between them, and what this person wrote kept in the editor."""

from typing import Any

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import ForbiddenError, NotFoundError, StaleVersionError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_drafting import require_drafting_access
from chalicelib.domain.recommendation_records import RevisionDraft, StaleRevisionError
from chalicelib.domain.recommendation_views import NewRevision, RevisionView
from chalicelib.domain.revision_changes import UnsavedWording, changes_between
from chalicelib.services import recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.markdown import rendered_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.drafting_rights import may_edit
from chalicelib.web.pages.listing import program_values
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


def new_form(visit: Visit, request: Request, slug: str) -> Response:
    _require_drafter(visit, slug)
    entry = {"title": "", "policy_goals": [], "body": "", "change_summary": ""}
    return _new_editor(visit, slug, entry)


def create(visit: Visit, request: Request, slug: str) -> Response:
    caller = _require_drafter(visit, slug)
    deps = dependencies.current()
    entry = _entry(request)
    if first(form_fields(request), "action") == "preview":
        return _new_editor(visit, slug, entry, preview=True)
    try:
        created = recommendations.create_recommendation(
            caller,
            slug,
            RevisionDraft.model_validate(entry),
            program=deps.program,
            repository=deps.recommendations,
            clock=deps.clock,
        )
    except ValidationError as invalid:
        return _new_editor(visit, slug, entry, errors=_errors(_fields_of(invalid)))
    except ValidationFailedError as invalid:
        return _new_editor(visit, slug, entry, errors=_errors({p.field for p in invalid.fields}))
    return redirect(visit.url(f"/workspace/recommendations/{created.recommendation.id}", done="created"))


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
    return _editor(visit, _edit_path(recommendation_id), entry, base=current.number)


def save(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    fields = form_fields(request)
    entry = _entry(request)
    base_text = first(fields, "base_revision")
    base = int(base_text) if base_text.isascii() and base_text.isdigit() else 0
    if first(fields, "action") == "preview":
        return _editor(visit, _edit_path(recommendation_id), entry, base=base, preview=True)
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
        wrong = _fields_of(invalid)
        if "base_revision" in wrong:
            return _conflict(visit, caller, recommendation_id, entry)
        return _editor(visit, _edit_path(recommendation_id), entry, base=base, errors=_errors(wrong))
    except ValidationFailedError as invalid:
        return _editor(
            visit,
            _edit_path(recommendation_id),
            entry,
            base=base,
            errors=_errors({p.field for p in invalid.fields}),
        )
    except (StaleRevisionError, StaleVersionError):
        return _conflict(visit, caller, recommendation_id, entry)
    return redirect(visit.url(f"/workspace/recommendations/{recommendation_id}", done="saved"))


def _conflict(visit: Visit, caller: Caller, recommendation_id: str, entry: dict[str, Any]) -> Response:
    saved = _current(caller, recommendation_id)
    return _editor(
        visit,
        _edit_path(recommendation_id),
        entry,
        base=saved.number,
        status=409,
        conflict=saved,
        diff=changes_between(
            saved, UnsavedWording(entry["title"], entry["body"], tuple(entry["policy_goals"]))
        ),
    )


def _editor(
    visit: Visit,
    action: str,
    entry: dict[str, Any],
    *,
    base: int | None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    **values: Any,
) -> Response:
    errors = errors or {}
    translated = {name: Words(visit.language).gettext(message) for name, message in errors.items()}
    values = {"conflict": None, "diff": None, "preview": False, "new_for_team": None, **values}
    return render(
        visit,
        "editor.html",
        **program_values(visit),
        action=action,
        entry=entry,
        base_revision=base,
        errors=translated,
        goal_items=[(goal.id, goal.text) for goal in program_for(visit).policy_goals],
        rendered_markdown=rendered_markdown,
        status=status,
        private=True,
        **values,
    )


def _new_editor(visit: Visit, slug: str, entry: dict[str, Any], **values: Any) -> Response:
    team = program_for(visit).team(slug)
    assert team is not None
    return _editor(
        visit,
        f"/workspace/teams/{slug}/recommendations/new",
        entry,
        base=None,
        new_for_team=team,
        **values,
    )


def _entry(request: Request) -> dict[str, Any]:
    fields = form_fields(request)
    return {
        "title": first(fields, "title").strip(),
        "policy_goals": fields.get("policy_goals", []),
        "body": first(fields, "body").replace("\r\n", "\n"),
        "change_summary": first(fields, "change_summary").strip(),
    }


def _edit_path(recommendation_id: str) -> str:
    return f"/workspace/recommendations/{recommendation_id}/edit"


def _fields_of(invalid: ValidationError) -> set[str]:
    return {str(error["loc"][0]) for error in invalid.errors() if error["loc"]}


def _require_drafter(visit: Visit, slug: str) -> Caller:
    caller = _caller(visit)
    if program_for(visit).team(slug) is None:
        raise NotFoundError(f"No team is called {slug!r}.")
    require_drafting_access(caller, slug)
    return caller


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
