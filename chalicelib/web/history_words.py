"""The words a history shows for each action recorded on a recommendation or a feedback item: one table
each, shared by the workspace and the staff console. Marked here for the catalogue; translated where
shown."""


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
