"""What the editor's two pages (a new recommendation, a new revision) share: the fields read from the form,
the message for each field that needs fixing, and the page itself."""

from typing import Any

from chalice.app import Request, Response
from pydantic import ValidationError

from chalicelib.web.forms import first, form_fields
from chalicelib.web.markdown import rendered_markdown
from chalicelib.web.pages.common import program_for
from chalicelib.web.pages.listing import program_values
from chalicelib.web.rendering import render
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit

FIELDS = ("title", "policy_goals", "body", "change_summary")


def _(message: str) -> str:
    """Marks a message for the catalogue; it is translated when the page shows it."""
    return message


MESSAGES = {
    "title": _("Enter a title"),
    "policy_goals": _("Choose policy goals from the list"),
    "body": _("Enter the text of the recommendation"),
    "change_summary": _("Say in a sentence or two what this revision changes"),
}


def editor_page(
    visit: Visit,
    action: str,
    entry: dict[str, Any],
    *,
    base: int | None,
    status: int = 200,
    errors: dict[str, str] | None = None,
    **values: Any,
) -> Response:
    """The editor posting to `action`, filled with `entry`; `base` the revision edited, None for a new
    recommendation; `errors` each field's message, untranslated."""
    errors = errors or {}
    translated = {name: Words(visit.language).gettext(message) for name, message in errors.items()}
    values = {"conflict": None, "diff": None, "preview": False, "new_for_team": None, **values}
    return render(
        visit,
        "editor.html",
        **program_values(visit),
        action=action,
        entry=entry,
        base_revision=base,
        errors=translated,
        goal_items=[(goal.id, goal.text) for goal in program_for(visit).policy_goals],
        rendered_markdown=rendered_markdown,
        status=status,
        private=True,
        **values,
    )


def entry_in(request: Request) -> dict[str, Any]:
    fields = form_fields(request)
    return {
        "title": first(fields, "title").strip(),
        "policy_goals": fields.get("policy_goals", []),
        "body": first(fields, "body").replace("\r\n", "\n"),
        "change_summary": first(fields, "change_summary").strip(),
    }


def fields_of(invalid: ValidationError) -> set[str]:
    return {str(error["loc"][0]) for error in invalid.errors() if error["loc"]}


def errors_for(wrong: set[str]) -> dict[str, str]:
    return {name: MESSAGES[name] for name in FIELDS if name in wrong}
