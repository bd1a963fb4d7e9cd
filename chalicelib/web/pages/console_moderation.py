"""The staff console's moderation pages: the queue oldest first, and one item to claim, publish (with an
edited redaction), reject with a reason, or decide with its whole campaign."""

import json
from datetime import datetime

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.domain.errors import ConflictError
from chalicelib.domain.feedback import FeedbackStatus, RejectionReason
from chalicelib.domain.feedback_views import ClaimView, Decision
from chalicelib.domain.identity import Caller
from chalicelib.domain.text_diff import diff_document
from chalicelib.services import moderation
from chalicelib.web.forms import first, form_fields
from chalicelib.web.history_words import FEEDBACK_ACTIONS, FEEDBACK_ACTORS, feedback_event_note
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.pages.review_queues import problem_of, team_names
from chalicelib.web.rendering import redirect
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

QUEUE_PAGE_SIZE = 25


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


REASONS = {
    RejectionReason.OFF_TOPIC: _("Off topic"),
    RejectionReason.ABUSIVE: _("Abusive"),
    RejectionReason.SPAM: _("Spam"),
    RejectionReason.PERSONAL_INFORMATION: _("Personal information that cannot be masked"),
    RejectionReason.DUPLICATE: _("Duplicate"),
}
DONE = {
    "claimed": _("You are reviewing this item. Other reviewers see that it is yours for now."),
    "released": _("The item is back in the queue for any reviewer."),
    "published": _("Published."),
    "rejected": _("Rejected."),
}
STATUSES = {
    FeedbackStatus.RECEIVED: _("received, not screened yet"),
    FeedbackStatus.SCREENED: _("screened"),
    FeedbackStatus.PUBLISHED: _("published"),
    FeedbackStatus.REJECTED: _("rejected"),
}
PROBLEMS = {
    "reason_missing": _("Choose why the item is rejected"),
    "body_missing": _("Enter the text to publish"),
    "body_invalid": _("The text to publish is too long or holds characters that cannot be shown"),
    "held": _("Another reviewer is reviewing this item now"),
    "decided": _("This item is no longer waiting for moderation"),
    "changing": _("The item changed while you decided it; look at it again and decide"),
}


def queue(visit: Visit, request: Request) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    channels = deps.program.vocabulary("channels")
    team = visit.query.get("team") if visit.query.get("team") in channels else None
    cursor = visit.query.get("cursor") or None
    found = moderation.moderation_queue(
        visit.caller,
        team=team,
        limit=QUEUE_PAGE_SIZE,
        cursor=cursor,
        program=deps.program,
        listings=deps.listings,
        index=deps.screening_index,
    )
    now, words = deps.clock(), Words(visit.language)
    return render_with_program(
        visit,
        "console_moderation.html",
        private=True,
        items=[
            {
                "view": item,
                "age": age(words, item.queued_at or item.submitted_at, now),
                "held_by_another": held_by_another(item.claim, visit.caller, now),
            }
            for item in found.items
        ],
        cursor=found.cursor,
        team=team or "",
        teams=team_names(visit),
        done=_done(visit),
    )


def item(visit: Visit, request: Request, feedback_id: str) -> Response:
    return _item_page(visit, feedback_id)


def claim(visit: Visit, request: Request, feedback_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        moderation.claim_item(
            visit.caller, feedback_id, repository=deps.feedback, clock=deps.clock, lease=deps.claim_lease
        )
    except ConflictError as conflict:
        return _item_page(visit, feedback_id, problem=problem_of(conflict))
    return redirect(visit.url(f"/console/moderation/{feedback_id}", done="claimed"))


def release(visit: Visit, request: Request, feedback_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    try:
        moderation.release_item(visit.caller, feedback_id, repository=deps.feedback, clock=deps.clock)
    except ConflictError as conflict:
        return _item_page(visit, feedback_id, problem=problem_of(conflict))
    return redirect(visit.url("/console/moderation", done="released"))


def decide(visit: Visit, request: Request, feedback_id: str) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    fields = form_fields(request)
    action = first(fields, "action")
    whole = first(fields, f"{action}_campaign") == "yes"
    entry = {"reason": first(fields, "reason"), "redacted_body": first(fields, "redacted_body")}
    shown = moderation.item_under_review(
        visit.caller, feedback_id, repository=deps.feedback, index=deps.screening_index, clock=deps.clock
    )
    if action == "reject":
        if entry["reason"] not in {reason.value for reason in RejectionReason}:
            return _item_page(visit, feedback_id, {"reason": "reason_missing"}, entry)
        document: dict[str, object] = {"action": "reject", "reason": entry["reason"]}
    else:
        edited = entry["redacted_body"].replace("\r\n", "\n")
        if not edited.strip():
            return _item_page(visit, feedback_id, {"redacted_body": "body_missing"}, entry)
        document = {"action": "publish"}
        if edited.strip() != shown.item.public_body.strip():
            document["redacted_body"] = edited
    try:
        # Validated as the API's JSON body is: strictly, from JSON.
        decision = Decision.model_validate_json(json.dumps({**document, "whole_cluster": whole}))
    except ValidationError:
        return _item_page(visit, feedback_id, {"redacted_body": "body_invalid"}, entry)
    try:
        result = moderation.decide(
            visit.caller,
            feedback_id,
            decision,
            repository=deps.feedback,
            index=deps.screening_index,
            clock=deps.clock,
        )
    except ConflictError as conflict:
        return _item_page(visit, feedback_id, problem=problem_of(conflict))
    done = "published" if decision.action == "publish" else "rejected"
    return redirect(
        visit.url("/console/moderation", done=done, decided=len(result.decided), skipped=len(result.skipped))
    )


def age(words: Words, since: datetime, now: datetime) -> str:
    """How long an item has waited, in the largest whole unit."""
    seconds = max(0, int((now - since).total_seconds()))
    if seconds >= 86400:
        return words.ngettext("%(num)s day", "%(num)s days", seconds // 86400)
    if seconds >= 3600:
        return words.ngettext("%(num)s hour", "%(num)s hours", seconds // 3600)
    return words.ngettext("%(num)s minute", "%(num)s minutes", seconds // 60)


def held_by_another(claim: ClaimView | None, caller: Caller, now: datetime) -> bool:
    return claim is not None and claim.until > now and claim.claimed_by != caller.display_name


def _item_page(
    visit: Visit,
    feedback_id: str,
    problems: dict[str, str] | None = None,
    entry: dict[str, str] | None = None,
    problem: str = "",
) -> Response:
    assert visit.caller is not None
    deps = dependencies.current()
    shown = moderation.item_under_review(
        visit.caller, feedback_id, repository=deps.feedback, index=deps.screening_index, clock=deps.clock
    )
    words = Words(visit.language)
    errors = {field: words.gettext(PROBLEMS[key]) for field, key in (problems or {}).items()}
    if problem:
        errors["decision"] = words.gettext(PROBLEMS[problem])
    entry = entry or {}
    proposed = entry.get("redacted_body") or shown.item.public_body
    return render_with_program(
        visit,
        "console_moderation_item.html",
        status=400 if errors else 200,
        private=True,
        shown=shown,
        item=shown.item,
        redaction=diff_document(shown.item.body, proposed),
        proposed=proposed,
        reason=entry.get("reason", ""),
        reasons=[(reason.value, words.gettext(text)) for reason, text in REASONS.items()],
        errors=errors,
        status_name=words.gettext(STATUSES[shown.history.status]),
        team_name=team_names(visit).get(shown.item.team, shown.item.team),
        action_names=FEEDBACK_ACTIONS,
        actor_names=FEEDBACK_ACTORS,
        history=[
            (event, feedback_event_note(words, event, deps.program.time_zone))
            for event in shown.history.events
        ],
        done=_done(visit),
    )


def _done(visit: Visit) -> str:
    done = visit.query.get("done", "")
    if done not in DONE:
        return ""
    words = Words(visit.language)
    message = words.gettext(DONE[done])
    decided = visit.query.get("decided", "")
    if decided.isdigit() and int(decided) > 1:
        message += " " + words.ngettext(
            "%(num)s item decided at once.", "%(num)s items decided at once.", int(decided)
        )
    skipped = visit.query.get("skipped", "")
    if skipped.isdigit() and int(skipped) > 0:
        message += " " + words.ngettext(
            "%(num)s item of the campaign was left: held by another reviewer or already decided.",
            "%(num)s items of the campaign were left: held by another reviewer or already decided.",
            int(skipped),
        )
    return message
