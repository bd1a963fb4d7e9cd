"""A feedback form as a browser posts it: what the person typed, turned into the API's own submission model
and sent through the same service, or the problems to show them next to the fields."""

import json
import re
import secrets
from dataclasses import dataclass, field, replace
from typing import Any

from chalice.app import Request
from pydantic import ValidationError

from chalicelib import dependencies
from chalicelib.api.feedback import received
from chalicelib.domain.errors import IdempotencyKeyReusedError, TooManyRequestsError, ValidationFailedError
from chalicelib.domain.feedback import HONEYPOT_FIELD, FeedbackSubmission
from chalicelib.domain.form_token import issue_form_token
from chalicelib.domain.receipts import SubmissionReceipt

# The order the fields appear in on the form, which is the order the error summary lists them in.
FIELD_ORDER = ("team", "body", "name", "email", "role", "policy_goals", "consent")
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_HONEYPOT_KEPT = 500
_TOKEN_KEPT = 200


@dataclass(frozen=True)
class Fault:
    """A problem with one field of the form; `kind` is one of missing, too_long, not_allowed, invalid,
    already_sent."""

    field: str
    kind: str


@dataclass(frozen=True)
class FormEntry:
    """What the person typed, kept so a form that comes back with problems shows it again."""

    team: str = ""
    body: str = ""
    name: str = ""
    email: str = ""
    role: str = ""
    policy_goals: tuple[str, ...] = ()
    consent: str = ""
    form_token: str = ""
    idempotency_key: str = ""
    honeypot: str = field(default="", repr=False)

    @classmethod
    def fresh(cls, **typed: Any) -> "FormEntry":
        """A new, empty form: a token saying when it was served, and a key that makes a resend harmless."""
        deps = dependencies.current()
        return cls(
            form_token=issue_form_token(deps.form_secret, deps.clock()),
            idempotency_key=secrets.token_urlsafe(24),
            **typed,
        )

    @classmethod
    def posted(cls, fields: dict[str, list[str]]) -> "FormEntry":
        def one(name: str) -> str:
            return (fields.get(name) or [""])[0]

        return cls(
            team=one("team"),
            body=one("body"),
            name=one("name"),
            email=one("email"),
            role=one("role"),
            policy_goals=tuple(goal for goal in fields.get("policy_goals", []) if goal),
            consent=one("consent"),
            form_token=one("form_token"),
            idempotency_key=one("idempotency_key"),
            honeypot=one(HONEYPOT_FIELD),
        )

    def to_show_again(self, faults: list["Fault"]) -> "FormEntry":
        """Sending a form that was already sent, changed, makes new feedback: it needs a key of its own."""
        if any(fault.kind == "already_sent" for fault in faults):
            return replace(self, idempotency_key=secrets.token_urlsafe(24))
        return self

    def submission_document(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "team": self.team,
            "body": self.body,
            "policy_goals": list(self.policy_goals),
        }
        if not self.team:
            del document["team"]
        if self.consent in ("yes", "no"):
            document["consent_to_publish"] = self.consent == "yes"
        submitter = {
            name: value
            for name, value in (("name", self.name), ("email", self.email), ("role", self.role))
            if value.strip()
        }
        if submitter:
            document["submitter"] = submitter
        # A person never sees these two: trimmed, they count only as signs of a bot, never as errors.
        if self.honeypot:
            document[HONEYPOT_FIELD] = self.honeypot[:_HONEYPOT_KEPT]
        if self.form_token:
            document["form_token"] = self.form_token[:_TOKEN_KEPT]
        return document


def send(entry: FormEntry, request: Request) -> SubmissionReceipt | list[Fault]:
    """The receipt, as the API would give it for the same submission, or what needs fixing."""
    try:
        # As JSON, exactly as the API reads a body: strict types, enums by their value.
        submission = FeedbackSubmission.model_validate_json(json.dumps(entry.submission_document()))
    except ValidationError as error:
        return in_form_order(_faults_of_model(error))
    try:
        return received(
            submission, request, entry.idempotency_key if _KEY.fullmatch(entry.idempotency_key) else None
        )
    except IdempotencyKeyReusedError:
        return [Fault("body", "already_sent")]
    except TooManyRequestsError:
        return [Fault("body", "too_many")]
    except ValidationFailedError as error:
        return in_form_order([Fault(_form_field(problem.field), "invalid") for problem in error.fields])


def in_form_order(faults: list[Fault]) -> list[Fault]:
    first_per_field: dict[str, Fault] = {}
    for fault in faults:
        first_per_field.setdefault(fault.field, fault)
    return sorted(first_per_field.values(), key=lambda fault: FIELD_ORDER.index(fault.field))


def _faults_of_model(error: ValidationError) -> list[Fault]:
    faults = []
    for detail in error.errors(include_url=False):
        form_field = _form_field(".".join(str(part) for part in detail["loc"]))
        kind = detail["type"]
        if kind in ("missing", "string_too_short"):
            faults.append(Fault(form_field, "missing"))
        elif kind == "string_too_long" and form_field in ("body", "name"):
            faults.append(Fault(form_field, "too_long"))
        elif kind == "value_error" and form_field in ("body", "name"):
            faults.append(Fault(form_field, "not_allowed"))
        else:
            faults.append(Fault(form_field, "invalid"))
    return faults


def _form_field(model_field: str) -> str:
    """The model's name for a field (`submitter.email`, `policy_goals.2`) as the form names it."""
    top, _, rest = model_field.partition(".")
    if top == "submitter" and rest.split(".")[0] in ("name", "email", "role"):
        return rest.split(".")[0]
    if top == "consent_to_publish":
        return "consent"
    return top if top in FIELD_ORDER else "body"
