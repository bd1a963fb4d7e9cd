"""The parts of a working copy below its current revision's heading: the reviewers' comments placed after
the paragraphs they quote, what changes between two revisions, and the feedback the recommendation
answers."""

from typing import Any

from chalicelib import dependencies
from chalicelib.domain.access import may_work_inbox
from chalicelib.domain.identity import Caller
from chalicelib.domain.recommendation_views import RevisionView, WorkingView
from chalicelib.domain.revision_changes import changes_between
from chalicelib.services import recommendation_links
from chalicelib.web.markdown import annotated_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.drafting_rights import may_change_links
from chalicelib.web.pages.listing import language_fields
from chalicelib.web.visit import Visit

MAX_REVISION_DIGITS = 6


def review_comments(view: WorkingView, shown: RevisionView) -> dict[str, Any]:
    """Comments on the shown revision, each after the paragraph it quotes (above the text when it quotes
    none); comments on earlier revisions, newest first, with their quotes."""
    comments = [event for event in view.history if event.action == "changes_requested" and event.comment]
    on_shown = [event for event in comments if event.revision == shown.number]
    return {
        "comments": on_shown,
        "annotated": annotated_markdown(shown.body, [event.quote for event in on_shown]),
        "earlier_comments": [event for event in reversed(comments) if event.revision != shown.number],
    }


def comparison(visit: Visit, view: WorkingView) -> dict[str, Any]:
    """The two revisions chosen to compare (the last two by default) and what changes between them, when
    the address asks for two revisions this recommendation has."""
    numbers = [revision.number for revision in view.revisions]
    old, new = _revision_in(visit, view, "from"), _revision_in(visit, view, "to")
    compared = old is not None and new is not None
    return {
        "revisions": view.revisions,
        "chosen": (old.number, new.number)
        if old and new
        else (numbers[-2] if len(numbers) > 1 else numbers[-1], numbers[-1]),
        "changes": changes_between(old, new) if old and new else None,
        "compare_asked": not compared and ("from" in visit.query or "to" in visit.query),
        "language_fields": language_fields(visit),
    }


def linked_feedback(visit: Visit, caller: Caller, view: WorkingView) -> dict[str, Any]:
    """The feedback linked, masked; whether this person may unlink it; the inboxes they may open it in."""
    deps = dependencies.current()
    linked = recommendation_links.linked_feedback(
        caller, view.recommendation.id, repository=deps.recommendations, feedback=deps.feedback
    )
    return {
        "linked": linked.items,
        "may_unlink": may_change_links(caller, view.recommendation),
        "inbox_teams": {
            item.team
            for item in linked.items
            if program_for(visit).team(item.team) and may_work_inbox(caller, deps.program, item.team)
        },
    }


def _revision_in(visit: Visit, view: WorkingView, name: str) -> RevisionView | None:
    raw = visit.query.get(name, "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= MAX_REVISION_DIGITS):
        return None
    return next((revision for revision in view.revisions if revision.number == int(raw)), None)
