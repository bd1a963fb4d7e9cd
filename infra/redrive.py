"""`make redrive`: moves the messages waiting in dead-letter queues back to the queues they failed in.

    python -m infra.redrive [--queue NAME] [--local | --endpoint-url URL] [--region REGION]

Which dead-letter queue belongs to which queue comes from the queues' own RedrivePolicy, so every queue of
the template (or any other) is covered. With no option it uses your AWS configuration, as the aws CLI
does; --local goes to the running `make run`. --queue NAME moves only the messages of that queue, named
either way (`public-review-screening` or `public-review-screening-dlq`).

Each message is received, sent to its source queue with its attributes, then deleted; one that fails
again and comes back while this runs is left for the next run. A dead-letter queue nothing redrives to
(the table stream's) is left alone: see docs/deploy.md.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from infra.local.accounts import read_accounts_file
from infra.local.config import ACCOUNTS_FILE, FAKE_CREDENTIALS, LocalConfig

_RECEIVE_LIMIT = 10
_HOLD_SECONDS = 60
_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=3, read_timeout=30)

Report = Callable[[str], None]


@dataclass(frozen=True)
class Queue:
    name: str
    url: str
    arn: str
    dead_letter_arn: str | None = None


@dataclass(frozen=True)
class RedrivePair:
    dead_letter: Queue
    sources: tuple[Queue, ...]

    def names(self) -> set[str]:
        return {self.dead_letter.name, *(source.name for source in self.sources)}

    def source_of(self, message: dict[str, Any]) -> Queue | None:
        """The queue a message failed in: SQS names it on the message; a queue's only source otherwise."""
        named = message.get("Attributes", {}).get("DeadLetterQueueSourceArn")
        by_arn = {source.arn: source for source in self.sources}
        if named in by_arn:
            return by_arn[named]
        return self.sources[0] if len(self.sources) == 1 and named is None else None


@dataclass
class Redriven:
    pair: RedrivePair
    moved: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def queues(sqs: Any) -> list[Queue]:
    found = []
    for page in sqs.get_paginator("list_queues").paginate():
        for url in page.get("QueueUrls", []):
            attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn", "RedrivePolicy"])
            arn = attributes["Attributes"]["QueueArn"]
            policy = attributes["Attributes"].get("RedrivePolicy")
            dead_letter_arn = json.loads(policy)["deadLetterTargetArn"] if policy else None
            found.append(Queue(arn.rsplit(":", 1)[-1], url, arn, dead_letter_arn))
    return sorted(found, key=lambda queue: queue.name)


def redrive_pairs(known: list[Queue]) -> list[RedrivePair]:
    by_arn = {queue.arn: queue for queue in known}
    sources: dict[str, list[Queue]] = {}
    for queue in known:
        if queue.dead_letter_arn in by_arn:
            sources.setdefault(queue.dead_letter_arn, []).append(queue)
    pairs = [RedrivePair(by_arn[arn], tuple(found)) for arn, found in sources.items()]
    return sorted(pairs, key=lambda pair: pair.dead_letter.name)


def redrive(sqs: Any, queue: str | None = None, report: Report = print) -> list[Redriven]:
    """Moves every dead-lettered message back (only `queue`'s when given); raises LookupError when `queue`
    is neither a queue that redrives nor a dead-letter queue something redrives to."""
    known = queues(sqs)
    pairs = redrive_pairs(known)
    if queue is not None:
        pairs = [pair for pair in pairs if queue in pair.names()]
        if not pairs:
            raise LookupError(_not_redrivable(queue, known))
    wanted = None if queue is None else {queue}
    results = [_redrive_pair(sqs, pair, wanted, report) for pair in pairs]
    if not pairs:
        report("No queue has a dead-letter queue: nothing to move.")
    return results


def _not_redrivable(queue: str, known: list[Queue]) -> str:
    if queue in {known_queue.name for known_queue in known}:
        return f"no queue names {queue} as its dead-letter queue, and it has none: nothing to move it back to"
    return f"there is no queue {queue} here; the queues are: {', '.join(sorted(q.name for q in known))}"


def _redrive_pair(sqs: Any, pair: RedrivePair, wanted: set[str] | None, report: Report) -> Redriven:
    result = Redriven(pair)
    sent_here: set[str] = set()
    held: dict[str, str] = {}
    while True:
        batch = _receive(sqs, pair.dead_letter.url)
        held.update({m["MessageId"]: m["ReceiptHandle"] for m in batch if m["MessageId"] in held})
        fresh = [message for message in batch if message["MessageId"] not in held]
        if not fresh:
            break
        for message in fresh:
            destination = destination_of(pair, message, wanted, sent_here)
            if destination is None:
                held[message["MessageId"]] = message["ReceiptHandle"]
                continue
            sent_here.add(_send_back(sqs, destination, message))
            sqs.delete_message(QueueUrl=pair.dead_letter.url, ReceiptHandle=message["ReceiptHandle"])
            result.moved.append(message["MessageId"])
            route = f"{pair.dead_letter.name} -> {destination.name}"
            report(f"moved {message['MessageId']} {route} ({_history(message)})")
    for receipt in held.values():
        sqs.change_message_visibility(
            QueueUrl=pair.dead_letter.url, ReceiptHandle=receipt, VisibilityTimeout=0
        )
    result.left = list(held)
    destinations = ", ".join(source.name for source in pair.sources)
    summary = f"{pair.dead_letter.name} -> {destinations}: {len(result.moved)} moved"
    report(summary + (f", {len(result.left)} left where they are" if result.left else ""))
    return result


def destination_of(
    pair: RedrivePair, message: dict[str, Any], wanted: set[str] | None, sent_here: set[str]
) -> Queue | None:
    """Where to send a message back to; None to leave it: its source is unknown or not the one asked
    for, or it is one this run sent back that failed again."""
    source = pair.source_of(message)
    if source is None or message["MessageId"] in sent_here:
        return None
    if wanted and not wanted & {source.name, pair.dead_letter.name}:
        return None
    return source


def _receive(sqs: Any, url: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = sqs.receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=_RECEIVE_LIMIT,
        VisibilityTimeout=_HOLD_SECONDS,
        WaitTimeSeconds=1,
        AttributeNames=["All"],
        MessageAttributeNames=["All"],
    ).get("Messages", [])
    return messages


def _send_back(sqs: Any, source: Queue, message: dict[str, Any]) -> str:
    arguments: dict[str, Any] = {"QueueUrl": source.url, "MessageBody": message["Body"]}
    attributes = {
        name: {key: value for key, value in attribute.items() if value not in ([], None)}
        for name, attribute in message.get("MessageAttributes", {}).items()
    }
    if attributes:
        arguments["MessageAttributes"] = attributes
    group = message.get("Attributes", {}).get("MessageGroupId")
    if group:
        arguments["MessageGroupId"] = group
        arguments["MessageDeduplicationId"] = message["MessageId"]
    return str(sqs.send_message(**arguments)["MessageId"])


def _history(message: dict[str, Any]) -> str:
    attributes = message.get("Attributes", {})
    sent = attributes.get("SentTimestamp")
    when = datetime.fromtimestamp(int(sent) / 1000, UTC).isoformat(timespec="seconds") if sent else "unknown"
    return f"first sent {when}, receive count {attributes.get('ApproximateReceiveCount', '?')}"


def sqs_client(endpoint_url: str | None, region: str | None) -> Any:
    return boto3.session.Session().client(
        "sqs", region_name=region, endpoint_url=endpoint_url, config=_CONFIG
    )


def local_stack_endpoint() -> tuple[str, str]:
    """The endpoint and region of the running `make run`, from the accounts file it writes."""
    data_dir = LocalConfig.from_env().data_dir
    saved = read_accounts_file(data_dir / ACCOUNTS_FILE)
    if saved is None or not saved.endpoint:
        raise LookupError(f"no local stack has run from {data_dir}: start it with `make run`")
    for name, value in FAKE_CREDENTIALS.items():
        os.environ.setdefault(name, value)
    return saved.endpoint, saved.region


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.redrive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--queue", metavar="NAME", help="only this queue (or dead-letter queue)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--local", action="store_true", help="the running `make run`, not AWS")
    where.add_argument("--endpoint-url", metavar="URL", help="an SQS endpoint other than AWS's")
    parser.add_argument("--region", help="the region (default: your AWS configuration's)")
    args = parser.parse_args(argv)
    try:
        endpoint, region = local_stack_endpoint() if args.local else (args.endpoint_url, args.region)
        redrive(sqs_client(endpoint, args.region or region), args.queue)
    except LookupError as error:
        print(f"redrive: {error}", file=sys.stderr)
        return 1
    except (BotoCoreError, ClientError) as error:
        print(f"redrive: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
