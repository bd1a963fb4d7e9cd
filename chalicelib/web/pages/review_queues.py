"""What both review queues' pages (moderation and approval) say the same way."""

from chalicelib.domain.errors import ClaimHeldError, ConflictError, InvalidTransitionError
from chalicelib.web.feedback_words import channel_name
from chalicelib.web.pages.common import program_for
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


def problem_of(conflict: ConflictError) -> str:
    """Which of the page's messages explains why the decision was not taken."""
    if isinstance(conflict, ClaimHeldError):
        return "held"
    if isinstance(conflict, InvalidTransitionError):
        return "decided"
    return "changing"


def team_names(visit: Visit) -> dict[str, str]:
    program, words = program_for(visit), Words(visit.language)
    return {channel: channel_name(program, channel, words) for channel in program.vocabulary("channels")}
