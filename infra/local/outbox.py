"""`make outbox`: the emails the local stack has sent, oldest first. Needs `make run` to be running.

    python -m infra.local.outbox [--lines N]

Locally, moto's SES accepts every email from a verified address and keeps it in memory until `make run`
stops; its /moto-api/data.json lists the messages with the send time the local stack stamps on each
(infra/local/send_times.py).
"""

import argparse
import email
import email.policy
import html
import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from infra.local.accounts import read_accounts_file
from infra.local.config import ACCOUNTS_FILE, LocalConfig

MODEL_DATA_PATH = "/moto-api/data.json"
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SentEmail:
    source: str
    to: tuple[str, ...]
    subject: str
    body: str
    sent_at: str | None


def sent_emails(endpoint: str, timeout: float = 10.0) -> list[SentEmail]:
    with urllib.request.urlopen(f"{endpoint}{MODEL_DATA_PATH}", timeout=timeout) as response:
        return emails_in(json.load(response))


def emails_in(model_data: dict[str, Any]) -> list[SentEmail]:
    ses = model_data.get("ses", {})
    emails = [_simple(message) for message in ses.get("Message", [])]
    emails += [_raw(message) for message in ses.get("RawMessage", [])]
    return sorted(emails, key=lambda sent: sent.sent_at or "~")


def _simple(message: dict[str, Any]) -> SentEmail:
    destinations = message.get("destinations") or {}
    recipients = [
        address
        for kind in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destinations.get(kind, [])
    ]
    return SentEmail(
        source=message.get("source", ""),
        to=tuple(recipients),
        subject=message.get("subject") or "",
        body=message.get("body") or "",
        sent_at=message.get("sent_at"),
    )


def _raw(message: dict[str, Any]) -> SentEmail:
    parsed = email.message_from_string(message.get("raw_data", ""), policy=email.policy.default)
    part = parsed.get_body(preferencelist=("plain", "html")) if isinstance(parsed, EmailMessage) else None
    return SentEmail(
        source=message.get("source") or str(parsed.get("From", "")),
        to=tuple(dict.fromkeys(message.get("destinations") or [str(parsed.get("To", ""))])),
        subject=str(parsed.get("Subject", "")),
        body=part.get_content() if isinstance(part, EmailMessage) else "",
        sent_at=message.get("sent_at"),
    )


def first_lines(body: str, count: int) -> list[str]:
    text = html.unescape(_TAG.sub(" ", body)) if _TAG.search(body) else body
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line][:count]


def describe(sent: SentEmail, lines: int) -> str:
    when = _local_time(sent.sent_at) if sent.sent_at else "time unknown"
    text = [f"{when}  to {', '.join(sent.to) or '(nobody)'}", f"  from:    {sent.source}"]
    text.append(f"  subject: {sent.subject}")
    text += [f"  | {line}" for line in first_lines(sent.body, lines)]
    return "\n".join(text)


def _local_time(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def local_endpoint() -> str:
    config = LocalConfig.from_env()
    saved = read_accounts_file(config.data_dir / ACCOUNTS_FILE)
    return saved.endpoint if saved and saved.endpoint else config.endpoint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m infra.local.outbox", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--lines", type=int, default=4, metavar="N", help="lines of each body to show (4)")
    args = parser.parse_args(argv)
    endpoint = local_endpoint()
    try:
        emails = sent_emails(endpoint)
    except (urllib.error.URLError, OSError) as error:
        print(
            f"make outbox: the local stack is not running at {endpoint} ({error}): start it with `make run`",
            file=sys.stderr,
        )
        return 1
    if not emails:
        print("No emails sent yet.")
        return 0
    print("\n\n".join(describe(sent, args.lines) for sent in emails))
    print(f"\n{len(emails)} email{'s' if len(emails) != 1 else ''} sent by the local stack.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
