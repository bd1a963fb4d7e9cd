"""Report a problem with this site: a short form into the site's own channel, never published."""

from chalice.app import Request, Response

from chalicelib.domain.program import SITE_CHANNEL
from chalicelib.web.feedback_entry import Fault, FormEntry, send
from chalicelib.web.form_messages import PROBLEM_MESSAGES
from chalicelib.web.forms import form_fields
from chalicelib.web.pages.sending import render_form, render_sent
from chalicelib.web.visit import Visit


def problem_form(visit: Visit, request: Request) -> Response:
    return _form(visit, FormEntry.fresh())


def send_problem(visit: Visit, request: Request) -> Response:
    posted = FormEntry.posted(form_fields(request))
    # Only what this form asks for: the channel is fixed and a report is never published.
    entry = FormEntry(
        team=SITE_CHANNEL,
        body=posted.body,
        email=posted.email,
        consent="no",
        form_token=posted.form_token,
        idempotency_key=posted.idempotency_key,
        honeypot=posted.honeypot,
    )
    outcome = send(entry, request)
    if isinstance(outcome, list):
        return _form(visit, entry.to_show_again(outcome), outcome)
    return render_sent(visit, request, "problem_sent.html", outcome, has_email=bool(entry.email.strip()))


def _form(visit: Visit, entry: FormEntry, faults: list[Fault] | None = None) -> Response:
    return render_form(visit, "problem_form.html", entry, faults, PROBLEM_MESSAGES)
