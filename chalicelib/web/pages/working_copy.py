"""A recommendation as its team works on it: the current revision, its status and history, and submitting
it for approval."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.errors import ConflictError, ForbiddenError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_drafting import require_drafting_access
from chalicelib.domain.recommendation_moves import ALLOWED_MOVES
from chalicelib.domain.recommendation_records import RecommendationStatus
from chalicelib.domain.recommendation_views import RecommendationSummary, Submission
from chalicelib.services import recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.history_words import RECOMMENDATION_ACTIONS
from chalicelib.web.markdown import rendered_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import cursor_in, page_from_link, program_values
from chalicelib.web.rendering import redirect, render
from chalicelib.web.visit import Visit

TEAM_PAGE_SIZE = 50


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


STATUS_NAMES = {
    RecommendationStatus.DRAFT.value: _("Draft"),
    RecommendationStatus.SUBMITTED.value: _("Waiting for approval"),
    RecommendationStatus.APPROVED.value: _("Approved"),
    RecommendationStatus.CHANGES_REQUESTED.value: _("Changes requested"),
    RecommendationStatus.REJECTED.value: _("Rejected"),
}
DONE = {
    "saved": _("The new revision is saved."),
    "submitted": _("The revision is submitted for approval."),
    "unchanged": _(
        "The revision was not submitted: the recommendation changed first. It is shown as it is now."
    ),
}


def working_copy(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    view = recommendations.working_copy(
        caller, recommendation_id, repository=dependencies.current().recommendations
    )
    current = next(
        revision for revision in view.revisions if revision.number == view.recommendation.current_revision
    )
    return render(
        visit,
        "working_copy.html",
        **program_values(visit),
        recommendation=view.recommendation,
        revision=current,
        history=view.history,
        status_names=STATUS_NAMES,
        action_names=RECOMMENDATION_ACTIONS,
        may_submit=may_submit(caller, view.recommendation),
        may_edit=may_edit(caller, view.recommendation),
        confirmation=DONE.get(visit.query.get("done", "")),
        rendered_markdown=rendered_markdown,
        private=True,
    )


def team_list(visit: Visit, request: Request, slug: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    found, stale_link = page_from_link(
        lambda cursor: recommendations.team_recommendations(
            caller,
            slug,
            limit=TEAM_PAGE_SIZE,
            cursor=cursor,
            program=deps.program,
            repository=deps.recommendations,
        ),
        cursor_in(visit),
    )
    by_status = {
        status: [item for item in found.items if item.status.value == status] for status in STATUS_NAMES
    }
    return render(
        visit,
        "team_recommendations.html",
        **program_values(visit),
        team=program_for(visit).team(slug),
        by_status=by_status,
        status_names=STATUS_NAMES,
        next_cursor=found.cursor,
        stale_link=stale_link,
        later_page=cursor_in(visit) is not None and not stale_link,
        private=True,
    )


def submit(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    revision = first(form_fields(request), "revision")
    done = "submitted"
    try:
        recommendations.submit_for_approval(
            caller,
            recommendation_id,
            Submission(revision=int(revision) if revision.isascii() and revision.isdigit() else 0),
            repository=deps.recommendations,
            clock=deps.clock,
        )
    except (ConflictError, ValidationFailedError, ValueError):
        # Revised or submitted by another member first, or a revision that is not the current one: the
        # page shows the recommendation as it is now.
        done = "unchanged"
    return redirect(visit.url(f"/workspace/recommendations/{recommendation_id}", done=done))


def may_submit(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would take this person's submission of the current revision."""
    try:
        require_drafting_access(caller, recommendation.team)
    except ForbiddenError:
        return False
    return RecommendationStatus.SUBMITTED in ALLOWED_MOVES[recommendation.status]


def may_edit(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would take a new revision from this person."""
    try:
        require_drafting_access(caller, recommendation.team)
    except ForbiddenError:
        return False
    return RecommendationStatus.DRAFT in ALLOWED_MOVES[recommendation.status]


def _caller(visit: Visit) -> Caller:
    assert visit.caller is not None
    return visit.caller
