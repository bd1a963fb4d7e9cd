"""The words a history shows for each action recorded on a recommendation or a feedback item: one table
each, shared by the workspace and the staff console. Marked here for the catalogue; translated where
shown."""

from datetime import datetime

from chalicelib.domain.feedback_views import HistoryEvent
from chalicelib.web.enumeration_words import REJECTION_REASONS
from chalicelib.web.translations import Words


def _(message: str) -> str:
    return message


RECOMMENDATION_ACTIONS = {
    "created": _("written"),
    "revised": _("revised"),
    "submitted": _("submitted for approval"),
    "claimed": _("taken for review"),
    "released": _("given back for review"),
    "approved": _("approved"),
    "changes_requested": _("sent back with changes requested"),
    "rejected": _("rejected"),
    "linked": _("linked to a feedback item"),
    "unlinked": _("no longer linked to a feedback item"),
}
FEEDBACK_ACTIONS = {
    "received": _("received"),
    "screened": _("screened"),
    "claimed": _("taken for moderation"),
    "released": _("given back to the moderation queue"),
    "published": _("published"),
    "rejected": _("rejected"),
    "acknowledged": _("marked acknowledged by the team"),
    "considered": _("marked considered by the team"),
}
# Who acted when no person did.
FEEDBACK_ACTORS = {"public": _("the public"), "screening": _("automatic screening")}
# The note the domain records when a reviewer edits the text to publish.
_("redacted by the reviewer")


def feedback_event_note(words: Words, event: HistoryEvent, time_zone: str) -> str:
    """What an item's history says after an event's action: the end of a claim in the program's time zone,
    a rejection's reason, or the note as recorded, in the page's language."""
    note = event.reason or ""
    if not note:
        return ""
    if event.action == "claimed":
        return _claim_end(words, note, time_zone) or note
    if event.action == "rejected" and note in REJECTION_REASONS:
        return words.gettext(REJECTION_REASONS[note])
    return words.gettext(note)


def recommendation_event_note(words: Words, action: str, comment: str | None, time_zone: str) -> str:
    """What a recommendation's history says after an event's action: the end of a claim in the program's
    time zone, or the comment as its author wrote it."""
    if action == "claimed" and comment and comment.startswith(_CLAIM_PREFIX):
        return _claim_end(words, comment.removeprefix(_CLAIM_PREFIX), time_zone) or comment
    return comment or ""


# How the domain records the end of a recommendation's claim in its event's comment.
_CLAIM_PREFIX = "until "


def _claim_end(words: Words, recorded: str, time_zone: str) -> str | None:
    try:
        until = datetime.fromisoformat(recorded)
    except ValueError:
        return None
    return words.gettext(_("until %(time)s"), time=words.clock_time(until, time_zone))
