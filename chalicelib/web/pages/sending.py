"""What both feedback forms share: showing a form again with its problems, and the confirmation that
holds the private receipt link."""

from collections.abc import Mapping
from typing import Any

from chalice.app import Request, Response

from chalicelib.domain.feedback import HONEYPOT_FIELD
from chalicelib.domain.receipts import SubmissionReceipt
from chalicelib.domain.text import BODY_MAX_LENGTH
from chalicelib.web.feedback_entry import Fault, FormEntry
from chalicelib.web.form_messages import field_errors
from chalicelib.web.pages.common import render_with_program
from chalicelib.web.translations import Words
from chalicelib.web.visit import Visit


def render_form(
    visit: Visit,
    template: str,
    entry: FormEntry,
    faults: list[Fault] | None = None,
    messages: Mapping[tuple[str, str], str] | None = None,
    **values: Any,
) -> Response:
    """A form that comes back with what was typed is never stored. A fresh one may be kept by the browser
    (and is revalidated everywhere else): going back to it and sending again keeps its key, so the
    resend answers with the same receipt instead of making a second item."""
    errors = field_errors(faults, Words(visit.language), messages) if faults and messages else {}
    return render_with_program(
        visit,
        template,
        status=400 if errors else 200,
        private=bool(errors),
        entry=entry,
        errors=errors,
        honeypot_field=HONEYPOT_FIELD,
        body_limit=BODY_MAX_LENGTH,
        **values,
    )


def render_sent(
    visit: Visit, request: Request, template: str, receipt: SubmissionReceipt, **values: Any
) -> Response:
    """The confirmation, in the answer to the post itself, so the receipt never sits in an address."""
    return render_with_program(
        visit,
        template,
        private=True,
        receipt=receipt,
        receipt_link=receipt_link(visit, request, receipt),
        **values,
    )


def receipt_link(visit: Visit, request: Request, receipt: SubmissionReceipt) -> str:
    path = visit.url(f"/feedback/{receipt.id}", receipt=receipt.receipt)
    host = request.headers.get("host")
    if not host:
        return path
    return f"{'https' if visit.secure else 'http'}://{host}{path}"
