"""The words people read for values the code keeps as identifiers: one table per enumeration.
Marked here for the catalogue; shown through `Words.gettext` in the visitor's language."""

from chalicelib.domain.feedback import RejectionReason
from chalicelib.domain.program import GENERAL_CHANNEL, SITE_CHANNEL


def _(text: str) -> str:
    return text


REJECTION_REASONS: dict[str, str] = {
    RejectionReason.OFF_TOPIC: _("Off topic"),
    RejectionReason.ABUSIVE: _("Abusive"),
    RejectionReason.SPAM: _("Spam"),
    RejectionReason.PERSONAL_INFORMATION: _("Personal information"),
    RejectionReason.DUPLICATE: _("Duplicate"),
}

# Channels that are not teams; a team's name comes from the program data.
OTHER_CHANNELS: dict[str, str] = {
    GENERAL_CHANNEL: _("General feedback"),
    SITE_CHANNEL: _("Problems with this website"),
}
