"""Claims on queued work. A reviewer claims one queued thing (a feedback item waiting for moderation, a
revision waiting for approval, a question waiting for its answer) for a lease, so that no one else
decides it meanwhile; the holder decides it, gives it back, or lets the lease lapse.

A holder is known by their subject, the one id of their sign-in that never changes; their name (an email,
else a username) is only what others are shown: "ana@agency.example is reviewing this item until …".
So a reviewer whose email changes keeps the claims they hold."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import ConfigDict

from chalicelib.domain.errors import ClaimHeldError, FieldProblem
from chalicelib.domain.identity import Caller
from chalicelib.domain.model import Model


@dataclass(frozen=True)
class Reviewer:
    """A person working a review queue: `id` is their subject, `name` what others see of them."""

    id: str
    name: str


def reviewer_of(caller: Caller) -> Reviewer:
    return Reviewer(id=caller.subject, name=caller.display_name)


class Claim(Model):
    """A lease on one queued thing, held by one reviewer until a moment."""

    model_config = ConfigDict(frozen=True)

    holder: Reviewer
    until: datetime

    def is_live(self, now: datetime) -> bool:
        return self.until > now

    def is_held_by(self, reviewer: Reviewer) -> bool:
        return self.holder.id == reviewer.id


def require_free_for(claim: Claim | None, reviewer: Reviewer, now: datetime, what: str) -> None:
    """Refuses `reviewer` while another's claim on `what` ("this item") is live, naming who and until when."""
    if claim is None or not claim.is_live(now) or claim.is_held_by(reviewer):
        return
    holder, until = claim.holder.name, claim.until.isoformat()
    raise ClaimHeldError(
        f"{holder} is reviewing {what} until {until}.",
        [FieldProblem("claim", f"held by {holder} until {until}")],
    )


def take(claim: Claim | None, reviewer: Reviewer, now: datetime, lease: timedelta, what: str) -> Claim:
    """A new lease for `reviewer`: on a free thing, on a lapsed claim, or renewing their own."""
    require_free_for(claim, reviewer, now, what)
    return Claim(holder=reviewer, until=now + lease)
