"""A recommendation as its team works on it: the current revision with the reviewers' comments beside the
paragraphs they quote, what changed between any two revisions, the feedback it answers (and unlinking
it), its status and history, and submitting it for approval."""

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.access import may_work_inbox
from chalicelib.domain.errors import ConflictError, ForbiddenError, NotFoundError, ValidationFailedError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_drafting import require_drafting_access
from chalicelib.domain.recommendation_links import links_may_change
from chalicelib.domain.recommendation_moves import ALLOWED_MOVES
from chalicelib.domain.recommendation_records import RecommendationStatus
from chalicelib.domain.recommendation_views import (
    RecommendationSummary,
    RevisionView,
    Submission,
    WorkingView,
)
from chalicelib.domain.revision_changes import WordingChanges, changes_between
from chalicelib.services import recommendation_links, recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.markdown import annotated_markdown, rendered_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import cursor_in, language_fields, page_from_link, program_values
from chalicelib.web.rendering import redirect, render
from chalicelib.web.visit import Visit

TEAM_PAGE_SIZE = 50
MAX_REVISION_DIGITS = 6


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
ACTION_NAMES = {
    "created": _("written"),
    "revised": _("revised"),
    "submitted": _("submitted for approval"),
    "claimed": _("taken for review"),
    "released": _("given back for review"),
    "approved": _("approved"),
    "changes_requested": _("sent back with changes requested"),
    "rejected": _("rejected"),
    "linked": _("feedback linked"),
    "unlinked": _("feedback unlinked"),
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
    linked = recommendation_links.linked_feedback(
        caller, recommendation_id, repository=deps.recommendations, feedback=deps.feedback
    )
    current = next(
        revision for revision in view.revisions if revision.number == view.recommendation.current_revision
    )
    comments = [event for event in view.history if event.action == "changes_requested" and event.comment]
    on_current = [event for event in comments if event.revision == current.number]
    chosen, changes = _compared(visit, view)
    return render(
        visit,
        "working_copy.html",
        **program_values(visit),
        recommendation=view.recommendation,
        revision=current,
        revisions=view.revisions,
        comments=on_current,
        annotated=annotated_markdown(current.body, [event.quote for event in on_current]),
        earlier_comments=[event for event in reversed(comments) if event.revision != current.number],
        chosen=chosen,
        changes=changes,
        compare_asked="from" in visit.query or "to" in visit.query,
        language_fields=language_fields(visit),
        history=view.history,
        status_names=STATUS_NAMES,
        action_names=ACTION_NAMES,
        may_submit=may_submit(caller, view.recommendation),
        may_edit=may_edit(caller, view.recommendation),
        linked=linked.items,
        may_unlink=may_change_links(caller, view.recommendation),
        inbox_teams={
            item.team
            for item in linked.items
            if program_for(visit).team(item.team) and may_work_inbox(caller, deps.program, item.team)
        },
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


def _compared(visit: Visit, view: WorkingView) -> tuple[tuple[int, int], WordingChanges | None]:
    """The two revisions chosen to compare (the last two by default) and what changes between them, when
    the address asks for two revisions this recommendation has."""
    numbers = [revision.number for revision in view.revisions]
    default = (numbers[-2] if len(numbers) > 1 else numbers[-1], numbers[-1])
    old, new = _revision_of(visit, view, "from"), _revision_of(visit, view, "to")
    if old is None or new is None:
        return default, None
    return (old.number, new.number), changes_between(old, new)


def _revision_of(visit: Visit, view: WorkingView, name: str) -> RevisionView | None:
    raw = visit.query.get(name, "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_REVISION_DIGITS):
        return None
    return next((revision for revision in view.revisions if revision.number == int(raw)), None)


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


def may_change_links(caller: Caller, recommendation: RecommendationSummary) -> bool:
    """Whether the services would link or unlink feedback for this person."""
    return may_draft_for(caller, recommendation.team) and links_may_change(recommendation.status)


def may_draft_for(caller: Caller, team: str) -> bool:
    """Whether the services would take a new recommendation for `team` from this person."""
    try:
        require_drafting_access(caller, team)
    except ForbiddenError:
        return False
    return True


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
