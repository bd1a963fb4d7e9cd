"""The editor: a new revision of a recommendation, written against the revision it was opened from, with
a preview drawn on the server; when another member saved first, both texts and what changes between them
(title, text, policy goals), and what this person wrote kept in the editor."""

from typing import Any

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import ForbiddenError, StaleVersionError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_records import StaleRevisionError
from chalicelib.domain.recommendation_views import NewRevision, RevisionView
from chalicelib.domain.revision_changes import UnsavedWording, changes_between
from chalicelib.services import recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.drafting_rights import may_edit
from chalicelib.web.pages.editor_form import editor_page, entry_in, errors_for, fields_of
from chalicelib.web.rendering import redirect
from chalicelib.web.visit import Visit


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
    return editor_page(visit, _edit_path(recommendation_id), entry, base=current.number)


def save(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    fields = form_fields(request)
    entry = entry_in(request)
    base_text = first(fields, "base_revision")
    base = int(base_text) if base_text.isascii() and base_text.isdigit() else 0
    if first(fields, "action") == "preview":
        return editor_page(visit, _edit_path(recommendation_id), entry, base=base, preview=True)
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
        wrong = fields_of(invalid)
        if "base_revision" in wrong:
            return _conflict(visit, caller, recommendation_id, entry)
        return editor_page(visit, _edit_path(recommendation_id), entry, base=base, errors=errors_for(wrong))
    except ValidationFailedError as invalid:
        return editor_page(
            visit,
            _edit_path(recommendation_id),
            entry,
            base=base,
            errors=errors_for({p.field for p in invalid.fields}),
        )
    except (StaleRevisionError, StaleVersionError):
        return _conflict(visit, caller, recommendation_id, entry)
    return redirect(visit.url(f"/workspace/recommendations/{recommendation_id}", done="saved"))


def _conflict(visit: Visit, caller: Caller, recommendation_id: str, entry: dict[str, Any]) -> Response:
    saved = _current(caller, recommendation_id)
    return editor_page(
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


def _edit_path(recommendation_id: str) -> str:
    return f"/workspace/recommendations/{recommendation_id}/edit"


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
