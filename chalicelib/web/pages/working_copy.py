"""A recommendation as its team works on it: the current revision with the reviewers' comments beside the
paragraphs they quote, what changed between any two revisions, the feedback it answers (and unlinking
it), its status and history, and submitting it for approval."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.errors import ConflictError, NotFoundError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_records import RecommendationStatus
from chalicelib.domain.recommendation_views import Submission
from chalicelib.services import recommendation_links, recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.history_words import RECOMMENDATION_ACTIONS, recommendation_event_note
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.drafting_rights import may_draft_for, may_edit, may_submit
from chalicelib.web.pages.listing import cursor_in, page_from_link, program_values
from chalicelib.web.pages.working_copy_sections import comparison, linked_feedback, review_comments
from chalicelib.web.rendering import redirect, render
from chalicelib.web.translations import Words
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
    "created": _("The recommendation is saved as a draft."),
    "saved": _("The new revision is saved."),
    "submitted": _("The revision is submitted for approval."),
    "unchanged": _(
        "The revision was not submitted: the recommendation changed first. It is shown as it is now."
    ),
    "unlinked": _("The feedback is no longer linked to this recommendation."),
    "not_unlinked": _("That feedback was not linked to this recommendation any more."),
}


def working_copy(visit: Visit, request: Request, recommendation_id: str) -> Response:
    caller = _caller(visit)
    deps = dependencies.current()
    view = recommendations.working_copy(caller, recommendation_id, repository=deps.recommendations)
    current = next(
        revision for revision in view.revisions if revision.number == view.recommendation.current_revision
    )
    words = Words(visit.language)
    return render(
        visit,
        "working_copy.html",
        **program_values(visit),
        **review_comments(view, current),
        **comparison(visit, view),
        **linked_feedback(visit, caller, view),
        recommendation=view.recommendation,
        revision=current,
        history=[
            (event, recommendation_event_note(words, event.action, event.comment, deps.program.time_zone))
            for event in view.history
        ],
        status_names=STATUS_NAMES,
        action_names=RECOMMENDATION_ACTIONS,
        may_submit=may_submit(caller, view.recommendation),
        may_edit=may_edit(caller, view.recommendation),
        confirmation=DONE.get(visit.query.get("done", "")),
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
        may_start=may_draft_for(caller, slug),
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


def unlink(visit: Visit, request: Request, recommendation_id: str, feedback_id: str) -> Response:
    deps = dependencies.current()
    done = "unlinked"
    try:
        recommendation_links.unlink_feedback(
            _caller(visit), recommendation_id, feedback_id, repository=deps.recommendations, clock=deps.clock
        )
    except NotFoundError as absent:
        if not any(problem.field == "feedback_id" for problem in absent.fields):
            raise
        # Unlinked by another member first, or twice from an old page.
        done = "not_unlinked"
    return redirect(visit.url(f"/workspace/recommendations/{recommendation_id}", done=done) + "#linked")


def _caller(visit: Visit) -> Caller:
    assert visit.caller is not None
    return visit.caller
