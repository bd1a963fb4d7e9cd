"""A signed token the feedback form carries from when it was served, so an instant bot submission shows."""

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

_PURPOSE = b"feedback-form-served-at:"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)
_MAX_DIGITS = 15


def issue_form_token(secret: bytes, served_at: datetime) -> str:
    """A URL-safe token holding `served_at` (to the millisecond), signed with HMAC-SHA256 under `secret`."""
    _check_secret(secret)
    _check_aware(served_at)
    milliseconds = str((served_at - _EPOCH) // _MILLISECOND)
    return f"{milliseconds}.{_signature(secret, milliseconds)}"


def read_form_token(
    secret: bytes, token: str, now: datetime, max_age: timedelta = timedelta(days=1)
) -> datetime | None:
    """When the form was served; None for a forged, malformed, future-dated or expired token. Never raises."""
    _check_secret(secret)
    _check_aware(now)
    milliseconds, _, signature = token.partition(".")
    if not (_is_decimal(milliseconds) and signature.isascii()):
        return None
    if not hmac.compare_digest(_signature(secret, milliseconds).encode(), signature.encode()):
        return None
    try:
        served_at = _EPOCH + int(milliseconds) * _MILLISECOND
        fresh = served_at <= now <= served_at + max_age
    except OverflowError:
        return None
    return served_at if fresh else None


def _signature(secret: bytes, milliseconds: str) -> str:
    digest = hmac.new(secret, _PURPOSE + milliseconds.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _is_decimal(text: str) -> bool:
    return 0 < len(text) <= _MAX_DIGITS and text.isascii() and text.isdigit()


def _check_secret(secret: bytes) -> None:
    if not secret:
        raise ValueError("form tokens need a non-empty secret")


def _check_aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("form token times must be timezone-aware")
