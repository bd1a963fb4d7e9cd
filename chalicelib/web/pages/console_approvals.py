"""The staff console's approval pages: the revisions waiting for approval, oldest first, and one of them
to claim, approve, send back with a comment on a quoted paragraph, or reject, read against the revision
the public sees now."""

import json
from datetime import datetime

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.access import require_staff
from chalicelib.domain.errors import ConflictError
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_records import RecommendationStatus, Revision
from chalicelib.domain.recommendation_views import ApprovalDecision, RecommendationSummary, WorkingView
from chalicelib.domain.text_diff import diff_document
from chalicelib.services import approvals, recommendations
from chalicelib.web.forms import first, form_fields
from chalicelib.web.history_words import RECOMMENDATION_ACTIONS, recommendation_event_note
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.pages.review_queues import problem_of, team_names
from chalicelib.web.rendering import redirect
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

QUEUE_PAGE_SIZE = 25
NO_QUOTE = "none"


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


ACTIONS = {
    "approve": _("Approve: publish this revision"),
    "request_changes": _("Request changes: send it back to the team with a comment"),
    "reject": _("Reject"),
}
DONE = {
    "claimed": _("You are reviewing this revision. Other reviewers see that it is yours for now."),
    "released": _("The revision is back in the queue for any reviewer."),
    "approve": _("Approved and published."),
    "request_changes": _("Sent back to the team with your comment."),
    "reject": _("Rejected."),
}
PROBLEMS = {
    "action_missing": _("Choose what to do with this revision"),
    "comment_missing": _("Enter a comment for the team"),
    "comment_too_long": _("Write a comment of at most 5,000 characters"),
    "held": _("Another reviewer is reviewing this revision now"),
    "decided": _("This revision is no longer waiting for approval"),
    "changing": _("The recommendation changed while you decided it; look at it again and decide"),
}


def queue(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    found = approvals.approval_queue(
        visit.caller,
        team=None,
        limit=QUEUE_PAGE_SIZE,
        cursor=visit.query.get("cursor") or None,
        program=deps.program,
        repository=deps.recommendations,
    )
    now = deps.clock()
    return render_with_program(
        visit,
        "console_approvals.html",
        private=True,
        items=[(item, held_by_another(item, visit.caller, now)) for item in found.items],
        cursor=found.cursor,
        teams=team_names(visit),
        done=_done(visit),
    )


def decision_page(visit: Visit, request: Request, recommendation_id: str) -> Response:
    return _decision_page(visit, recommendation_id)


def claim(visit: Visit, request: Request, recommendation_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        approvals.claim_for_review(
            visit.caller,
            recommendation_id,
            repository=deps.recommendations,
            clock=deps.clock,
            lease=deps.claim_lease,
        )
    except ConflictError as conflict:
        return _decision_page(visit, recommendation_id, problem=problem_of(conflict))
    return redirect(visit.url(f"/console/approvals/{recommendation_id}", done="claimed"))


def release(visit: Visit, request: Request, recommendation_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        approvals.release_claim(
            visit.caller, recommendation_id, repository=deps.recommendations, clock=deps.clock
        )
    except ConflictError as conflict:
        return _decision_page(visit, recommendation_id, problem=problem_of(conflict))
    return redirect(visit.url("/console/approvals", done="released"))


def decide(visit: Visit, request: Request, recommendation_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    fields = form_fields(request)
    entry = {name: first(fields, name) for name in ("action", "comment", "quote", "revision")}
    problems = {}
    if entry["action"] not in ACTIONS:
        problems["action"] = "action_missing"
    elif entry["action"] != "approve" and not entry["comment"].strip():
        problems["comment"] = "comment_missing"
    elif len(entry["comment"]) > 5000:
        problems["comment"] = "comment_too_long"
    if problems:
        return _decision_page(visit, recommendation_id, problems, entry)
    document: dict[str, object] = {
        "action": entry["action"],
        "revision": int(entry["revision"]) if entry["revision"].isdigit() else 0,
    }
    if entry["comment"].strip():
        document["comment"] = entry["comment"].strip()
    if entry["action"] == "request_changes" and entry["quote"] not in ("", NO_QUOTE):
        document["quote"] = entry["quote"]
    try:
        # Validated as the API's JSON body is: strictly, from JSON.
        decision = ApprovalDecision.model_validate_json(json.dumps(document))
        approvals.decide_revision(
            visit.caller, recommendation_id, decision, repository=deps.recommendations, clock=deps.clock
        )
    except ValidationError:
        return _decision_page(visit, recommendation_id, problem="changing")
    except ConflictError as conflict:
        return _decision_page(visit, recommendation_id, problem=problem_of(conflict))
    return redirect(visit.url("/console/approvals", done=decision.action))


def held_by_another(summary: RecommendationSummary, caller: Caller, now: datetime) -> bool:
    return (
        summary.claimed_by is not None
        and summary.claim_until is not None
        and summary.claim_until > now
        and summary.claimed_by != caller.display_name
    )


def paragraphs_of(recommendation_id: str, view: WorkingView, number: int) -> list[str]:
    """The paragraphs a change request may quote, split by the domain's own rule."""
    revision = next(revision for revision in view.revisions if revision.number == number)
    return Revision(recommendation_id=recommendation_id, **revision.model_dump()).paragraphs()


def _decision_page(
    visit: Visit,
    recommendation_id: str,
    problems: dict[str, str] | None = None,
    entry: dict[str, str] | None = None,
    problem: str = "",
) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    view = recommendations.working_copy(visit.caller, recommendation_id, repository=deps.recommendations)
    summary = view.recommendation
    words = Words(visit.language)
    errors = {field: words.gettext(PROBLEMS[key]) for field, key in (problems or {}).items()}
    if problem:
        errors["decision"] = words.gettext(PROBLEMS[problem])
    waiting = summary.status == RecommendationStatus.SUBMITTED and summary.submitted_revision is not None
    number = summary.submitted_revision or summary.current_revision
    revision = next(revision for revision in view.revisions if revision.number == number)
    approved = next(
        (revision for revision in view.revisions if revision.number == summary.approved_revision), None
    )
    now = deps.clock()
    mine = (
        summary.claimed_by == visit.caller.display_name
        and summary.claim_until is not None
        and summary.claim_until > now
    )
    paragraphs = paragraphs_of(recommendation_id, view, number)
    return render_with_program(
        visit,
        "console_approval.html",
        status=400 if errors else 200,
        private=True,
        summary=summary,
        revision=revision,
        approved=approved,
        title_diff=diff_document(approved.title, revision.title) if approved else None,
        body_diff=diff_document(approved.body, revision.body) if approved else None,
        waiting=waiting,
        held_by_another=held_by_another(summary, visit.caller, now),
        mine=mine,
        actions=[(action, words.gettext(text)) for action, text in ACTIONS.items()],
        quotes=[
            (NO_QUOTE, words.gettext(_("No paragraph in particular"))),
            *((text, text) for text in paragraphs),
        ],
        entry=entry or {},
        errors=errors,
        history=[
            (event, recommendation_event_note(words, event.action, event.comment, deps.program.time_zone))
            for event in view.history
        ],
        action_names=RECOMMENDATION_ACTIONS,
        team_name=team_names(visit).get(summary.team, summary.team),
        done=_done(visit),
    )


def _done(visit: Visit) -> str:
    done = visit.query.get("done", "")
    return Words(visit.language).gettext(DONE[done]) if done in DONE else ""


def audit_trail(visit: Visit, request: Request, recommendation_id: str) -> Response:
    assert visit.caller is not None
    require_staff(visit.caller)
    deps, words = dependencies.current(), Words(visit.language)
    repository = deps.recommendations
    trail = recommendations.recommendation_history(visit.caller, recommendation_id, repository=repository)
    report = recommendations.audit_report(recommendation_id, repository=repository)
    working = recommendations.working_copy(visit.caller, recommendation_id, repository=repository)
    return render_with_program(
        visit,
        "console_audit.html",
        private=True,
        summary=working.recommendation,
        trail=trail,
        notes=[
            recommendation_event_note(words, event.action, event.comment, deps.program.time_zone)
            for event in trail.events
        ],
        report=report,
        action_names=RECOMMENDATION_ACTIONS,
    )
