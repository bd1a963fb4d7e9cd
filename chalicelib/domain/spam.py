"""Signs that feedback came from a bot or a flood rather than a person, and which of them are conclusive."""

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

MIN_SECONDS_TO_SUBMIT = 3.0
MANY_LINKS = 3
MOSTLY_LINKS_SHARE = 0.5
FLOOD_LIMIT = 10
FLOOD_WINDOW = timedelta(hours=1)

_LINK = re.compile(r"\bhttps?://[^\s<>\"']+|(?<![\w./@-])www\.[^\s<>\"']+", re.IGNORECASE)


class SpamSignal(StrEnum):
    HONEYPOT = "honeypot"
    TOO_FAST = "too_fast"
    BAD_FORM_TOKEN = "bad_form_token"
    NO_FORM_TOKEN = "no_form_token"
    LINK_DENSITY = "link_density"
    FLOOD = "flood"


_SPAM_ALONE = frozenset({SpamSignal.HONEYPOT, SpamSignal.TOO_FAST, SpamSignal.BAD_FORM_TOKEN})
# Each of these alone is what a person may also do (API clients send no form token); two together are not.
_SPAM_TOGETHER = frozenset({SpamSignal.NO_FORM_TOKEN, SpamSignal.LINK_DENSITY, SpamSignal.FLOOD})


@dataclass(frozen=True)
class SpamEvidence:
    """What the request showed besides the text.

    `seconds_to_submit` and `form_token_valid` are None when no form token was sent, as from API clients;
    `recent_from_source` counts the same source's earlier submissions within FLOOD_WINDOW, up to
    FLOOD_LIMIT at least (screening stops counting there: more changes nothing).
    """

    honeypot_filled: bool = False
    seconds_to_submit: float | None = None
    form_token_valid: bool | None = None
    recent_from_source: int = 0


def spam_signals(text: str, evidence: SpamEvidence) -> list[SpamSignal]:
    """Every signal the text and the evidence raise, in the order SpamSignal lists them."""
    raised = {
        SpamSignal.HONEYPOT: evidence.honeypot_filled,
        SpamSignal.TOO_FAST: _too_fast(evidence.seconds_to_submit),
        SpamSignal.BAD_FORM_TOKEN: evidence.form_token_valid is False,
        SpamSignal.NO_FORM_TOKEN: evidence.form_token_valid is None,
        SpamSignal.LINK_DENSITY: _dense_with_links(text),
        SpamSignal.FLOOD: evidence.recent_from_source >= FLOOD_LIMIT,
    }
    return [signal for signal in SpamSignal if raised[signal]]


def is_spam(signals: list[SpamSignal]) -> bool:
    """Spam on a conclusive signal, or on two weak ones; a lone weak signal is not."""
    raised = set(signals)
    return bool(raised & _SPAM_ALONE) or len(raised & _SPAM_TOGETHER) >= 2


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


def _too_fast(seconds_to_submit: float | None) -> bool:
    return seconds_to_submit is not None and seconds_to_submit < MIN_SECONDS_TO_SUBMIT


def _dense_with_links(text: str) -> bool:
    links = count_links(text)
    words = len(text.split())
    return links >= MANY_LINKS or (links > 0 and links / words >= MOSTLY_LINKS_SHARE)
