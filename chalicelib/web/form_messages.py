"""What a form says about each problem with a field: what to do, in the visitor's language."""

from collections.abc import Mapping

from chalicelib.domain.text import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from chalicelib.web.feedback_entry import Fault
from chalicelib.web.translations import Words


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when a page shows it."""
    return message


FEEDBACK_MESSAGES: Mapping[tuple[str, str], str] = {
    ("team", "missing"): _("Choose a team or General"),
    ("team", "invalid"): _("Choose a team or General"),
    ("body", "missing"): _("Enter your feedback"),
    ("body", "too_long"): _("Feedback must be %(limit)s characters or fewer"),
    ("body", "not_allowed"): _("Remove the hidden formatting characters from your feedback"),
    ("body", "invalid"): _("Check your feedback and send it again"),
    ("body", "already_sent"): _(
        "You already sent this form. Check your feedback, then send it again to send it as new feedback"
    ),
    ("body", "too_many"): _(
        "Many messages have come from your network in the last minute. Wait a minute, then send it again"
    ),
    ("name", "missing"): _("Enter your name, or leave it empty"),
    ("name", "too_long"): _("Name must be %(limit)s characters or fewer"),
    ("name", "not_allowed"): _("Remove the hidden formatting characters from your name"),
    ("name", "invalid"): _("Enter your name, or leave it empty"),
    ("email", "missing"): _("Enter an email address in the correct format, like name@example.com"),
    ("email", "invalid"): _("Enter an email address in the correct format, like name@example.com"),
    ("role", "invalid"): _("Choose the description that fits you best, or Prefer not to say"),
    ("policy_goals", "invalid"): _("Choose policy goals from the list, or none"),
    ("consent", "missing"): _("Choose whether we may publish your feedback"),
    ("consent", "invalid"): _("Choose whether we may publish your feedback"),
}

PROBLEM_MESSAGES: Mapping[tuple[str, str], str] = {
    **FEEDBACK_MESSAGES,
    ("body", "missing"): _("Describe the problem"),
    ("body", "too_long"): _("Your description must be %(limit)s characters or fewer"),
    ("body", "not_allowed"): _("Remove the hidden formatting characters from your description"),
    ("body", "invalid"): _("Check your description and send it again"),
    ("body", "already_sent"): _(
        "You already sent this form. Check your description, then send it again to send it as a new report"
    ),
}

_LIMITS = {"body": BODY_MAX_LENGTH, "name": NAME_MAX_LENGTH}


def field_errors(
    faults: list[Fault], words: Words, messages: Mapping[tuple[str, str], str]
) -> dict[str, str]:
    """Each field's message, in the order of the form (the error summary lists them so)."""
    errors = {}
    for fault in faults:
        message = messages.get((fault.field, fault.kind)) or messages[(fault.field, "invalid")]
        limit = _LIMITS.get(fault.field)
        errors[fault.field] = (
            words.gettext(message, limit=words.number(limit)) if limit else words.gettext(message)
        )
    return errors
