"""A write conditioned on the version it read loses to a writer who got there first. The loser reads
again and decides again on what is now stored, where the rules answer for the new state (another
reviewer's decision, a newer revision), so no one's work is silently overwritten."""

from collections.abc import Callable
from typing import TypeVar

from chalicelib.domain.errors import StaleVersionError

ATTEMPTS = 4

Result = TypeVar("Result")


def retry_when_stale(read_decide_write: Callable[[], Result], gave_up: str) -> Result:
    """Runs `read_decide_write` again each time its write meets a newer version, a few times at most;
    then gives up with `gave_up` as the conflict's message."""
    for _ in range(ATTEMPTS):
        try:
            return read_decide_write()
        except StaleVersionError:
            continue
    raise StaleVersionError(gave_up)
