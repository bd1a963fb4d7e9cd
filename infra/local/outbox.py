"""`make outbox`: the emails the local stack has sent, oldest first, kept across restarts.

    python -m infra.local.outbox [--lines N]

Locally, moto's SES accepts every email from a verified address; the local stack writes each one with its
send time to the outbox file in the data folder (infra/local/sent_mail.py), which this reads.
"""

import argparse
import email
import email.policy
import html
import json
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from infra.local.config import LocalConfig

OUTBOX_FILE = "outbox.jsonl"
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class SentEmail:
    source: str
    to: tuple[str, ...]
    subject: str
    body: str
    sent_at: str | None


def sent_emails(path: Path) -> list[SentEmail]:
    """The emails in an outbox file, oldest first; none when there is no file yet."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as lines:
        recorded = [json.loads(line) for line in lines if line.strip()]
    emails = [
        _raw(message) if message.get("kind") == "RawMessage" else _simple(message) for message in recorded
    ]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m infra.local.outbox", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--lines", type=int, default=4, metavar="N", help="lines of each body to show (4)")
    args = parser.parse_args(argv)
    emails = sent_emails(LocalConfig.from_env().data_dir / OUTBOX_FILE)
    if not emails:
        print("No emails sent yet (the local stack, `make run`, writes them here as it sends them).")
        return 0
    print("\n\n".join(describe(sent, args.lines) for sent in emails))
    print(f"\n{len(emails)} email{'s' if len(emails) != 1 else ''} sent by the local stack.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
