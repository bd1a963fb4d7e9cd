"""Who earned the credits an event offers, by its rule, and why someone did not.

Two rules: every session (missing one earns nothing), or a minimum share of all the sessions' minutes
(with 80%, 79% does not earn and 80% does). A session counts as attended when someone was recorded
present at it for any minutes."""

from dataclasses import dataclass

from chalicelib.domain.attendance import Presence
from chalicelib.domain.events import CreditRule, CreditRuleKind, EventSession


@dataclass(frozen=True)
class Outcome:
    """Whether one registration earned the event's credits; when not, each reason in plain words."""

    registration_id: str
    earned: bool
    attended_minutes: int
    total_minutes: int
    missed_sessions: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def share_percent(self) -> int:
        """The share of the sessions' minutes attended, rounded down to a whole percent."""
        return self.attended_minutes * 100 // self.total_minutes if self.total_minutes else 0


def outcome(
    rule: CreditRule, sessions: list[EventSession], registration_id: str, presences: list[Presence]
) -> Outcome:
    minutes_at = {session.id: 0 for session in sessions}
    for presence in presences:
        if presence.registration_id == registration_id and presence.session_id in minutes_at:
            minutes_at[presence.session_id] = max(minutes_at[presence.session_id], presence.minutes)
    lengths = {session.id: session.minutes for session in sessions}
    attended = sum(min(minutes, lengths[session_id]) for session_id, minutes in minutes_at.items())
    total = sum(lengths.values())
    missed = tuple(session.id for session in sessions if minutes_at[session.id] == 0)
    reasons = _reasons(rule, sessions, missed, attended, total)
    return Outcome(
        registration_id=registration_id,
        earned=bool(sessions) and not reasons,
        attended_minutes=attended,
        total_minutes=total,
        missed_sessions=missed,
        reasons=reasons if sessions else ("The event has no sessions.",),
    )


def outcomes(
    rule: CreditRule, sessions: list[EventSession], registration_ids: list[str], presences: list[Presence]
) -> list[Outcome]:
    return [outcome(rule, sessions, registration_id, presences) for registration_id in registration_ids]


def _reasons(
    rule: CreditRule, sessions: list[EventSession], missed: tuple[str, ...], attended: int, total: int
) -> tuple[str, ...]:
    if rule.kind == CreditRuleKind.EVERY_SESSION:
        numbers = {session.id: position for position, session in enumerate(sessions, start=1)}
        return tuple(f"Missed session {numbers[session_id]}." for session_id in missed)
    required = rule.minimum_percent or 100
    # Whole numbers only: 79.99% is not 80%.
    if attended * 100 >= required * total:
        return ()
    share = attended * 100 // total if total else 0
    return (f"Attended {share}% of the sessions' minutes ({attended} of {total}); {required}% is required.",)
