"""Starting a recommendation: the editor, empty, for one of the teams this person drafts for; saving it
makes revision 1, a draft, and opens its working copy."""

from typing import Any

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import NotFoundError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_drafting import require_drafting_access
from chalicelib.domain.recommendation_records import RevisionDraft
from chalicelib.services import recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.editor_form import editor_page, entry_in, errors_for, fields_of
from chalicelib.web.rendering import redirect
from chalicelib.web.visit import Visit


def new_form(visit: Visit, request: Request, slug: str) -> Response:
    _require_drafter(visit, slug)
    entry = {"title": "", "policy_goals": [], "body": "", "change_summary": ""}
    return _empty_editor(visit, slug, entry)


def create(visit: Visit, request: Request, slug: str) -> Response:
    caller = _require_drafter(visit, slug)
    deps = dependencies.current()
    entry = entry_in(request)
    if first(form_fields(request), "action") == "preview":
        return _empty_editor(visit, slug, entry, preview=True)
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
        return _empty_editor(visit, slug, entry, errors=errors_for(fields_of(invalid)))
    except ValidationFailedError as invalid:
        return _empty_editor(visit, slug, entry, errors=errors_for({p.field for p in invalid.fields}))
    return redirect(visit.url(f"/workspace/recommendations/{created.recommendation.id}", done="created"))


def _empty_editor(visit: Visit, slug: str, entry: dict[str, Any], **values: Any) -> Response:
    team = program_for(visit).team(slug)
    assert team is not None
    return editor_page(
        visit,
        f"/workspace/teams/{slug}/recommendations/new",
        entry,
        base=None,
        new_for_team=team,
        **values,
    )


def _require_drafter(visit: Visit, slug: str) -> Caller:
    caller = _caller(visit)
    if program_for(visit).team(slug) is None:
        raise NotFoundError(f"No team is called {slug!r}.")
    require_drafting_access(caller, slug)
    return caller


def _caller(visit: Visit) -> Caller:
    assert visit.caller is not None
    return visit.caller
