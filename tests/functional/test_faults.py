"""Faults on the way: a share of the app's DynamoDB and SQS calls throttle or time out, and the Lambda
runtime dies after a handler did its work but before the batch was acknowledged. Every submission still
ends screened and routed exactly once; a poison message ends in the dead-letter queue."""

import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError, ReadTimeoutError
from chalice.test import Client

from chalicelib import dependencies
from infra.local.clients import AwsClients
from infra.local.pump import EventPump, PumpSettings
from tests.functional.conftest import body_of, post_json, signed_in
from tests.support.form import filled_in_form_token

SUBMISSIONS = 30
CAMPAIGN = 10
FAULT_RATE = 0.03
SUBMISSION_FAULT_RATE = 0.3
CRASH_RATE = 0.2
UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
PATIENT = PumpSettings(
    sqs_wait_seconds=1,
    retry_delay_seconds=0,
    stream_poll_seconds=0.05,
    stream_attempts=60,
    stream_backoff_seconds=0.02,
)


class Faults:
    """Hooks on boto3 clients that fail a share of calls before they are sent, as a throttled or slow
    service would; the errors reach the app's code (botocore's own retries are not given the chance)."""

    def __init__(self, rate: float, submission_rate: float, seed: int) -> None:
        self.rate = rate
        self.submission_rate = submission_rate
        self.enabled = False
        self.injected: Counter[str] = Counter()
        self._random = random.Random(seed)

    def __call__(self, model: Any, params: dict[str, Any], **_: Any) -> None:
        rate = self.submission_rate if _stores_a_submission(params) else self.rate
        if not self.enabled or self._random.random() >= rate:
            return
        self.injected[model.name] += 1
        if self._random.random() < 0.5:
            raise ReadTimeoutError(endpoint_url="injected")
        code = "ProvisionedThroughputExceededException" if "Item" in model.name else "ThrottlingException"
        raise ClientError({"Error": {"Code": code, "Message": "injected"}}, model.name)

    def attach(self, *clients: Any) -> None:
        for client in clients:
            client.meta.events.register("before-parameter-build.*.*", self)

    def detach(self, *clients: Any) -> None:
        for client in clients:
            client.meta.events.unregister("before-parameter-build.*.*", self)


def _stores_a_submission(params: dict[str, Any]) -> bool:
    return any(
        str(write.get("Put", {}).get("Item", {}).get("PK", {}).get("S", "")).startswith("IDEMPOTENCY#")
        for write in params.get("TransactItems", [])
    )


@dataclass
class CrashingRuntime:
    """The app as Lambda would run it, except that the runtime sometimes dies right after a handler
    returned: its work is done and stored, but the batch is not acknowledged and comes back."""

    app: Any
    rate: float
    seed: int

    def __post_init__(self) -> None:
        self.app_name = self.app.app_name
        self.event_sources = self.app.event_sources
        self._random = random.Random(self.seed)
        self.crashes = 0
        self.handler_map = {name: self._crashing(handler) for name, handler in self.app.handler_map.items()}

    def _crashing(self, handler: Any) -> Any:
        def run(event: dict[str, Any], context: Any) -> Any:
            result = handler(event, context)
            if self._random.random() < self.rate:
                self.crashes += 1
                raise RuntimeError("the runtime died before acknowledging the batch")
            return result

        return run


@pytest.fixture
def faults(stack) -> Iterator[Faults]:
    deps = dependencies.current()
    injected = Faults(FAULT_RATE, SUBMISSION_FAULT_RATE, seed=20261123)
    injected.attach(deps.dynamodb, deps.sqs)
    yield injected
    injected.detach(deps.dynamodb, deps.sqs)


@pytest.fixture
def crashing_pump(chalice_app, stack, client) -> Iterator[tuple[EventPump, CrashingRuntime, AwsClients]]:
    clients = AwsClients.create(stack.endpoint, "us-east-1")
    runtime = CrashingRuntime(chalice_app, CRASH_RATE, seed=7)
    pump = EventPump(runtime, clients, stack.resources, PATIENT)  # type: ignore[arg-type]
    pump.start()
    yield pump, runtime, clients
    pump.stop()


def submit_until_accepted(client: Client, document: dict[str, Any], key: str) -> tuple[str, int]:
    """A patient client: on 503 it sends the same request again with the same Idempotency-Key."""
    for attempt in range(1, 30):
        response = post_json(client, "/feedback", document, {"Idempotency-Key": key})
        if response.status_code == 202:
            return body_of(response)["id"], attempt
        assert response.status_code == 503, response.body
    raise AssertionError(f"submission {key} was never accepted")


def move_back_from_dead_letters(clients: AwsClients, stack, keep: str) -> list[str]:
    """What an operator's redrive does, leaving the message whose body contains `keep` where it is."""
    queues = stack.resources.queues
    source, dead = queues["ScreeningQueue"].url, queues["ScreeningDeadLetterQueue"].url
    kept = []
    for _ in range(20):
        messages = clients.sqs.receive_message(QueueUrl=dead, MaxNumberOfMessages=10, WaitTimeSeconds=0).get(
            "Messages", []
        )
        if not messages:
            break
        for message in messages:
            if keep in message["Body"]:
                kept.append(message["Body"])
                continue
            clients.sqs.send_message(QueueUrl=source, MessageBody=message["Body"])
            clients.sqs.delete_message(QueueUrl=dead, ReceiptHandle=message["ReceiptHandle"])
    return kept


def all_pages(client: Client, path: str, headers: dict[str, str]) -> list[str]:
    ids, cursor = [], None
    for _ in range(50):
        page = body_of(client.http.get(path + (f"&cursor={cursor}" if cursor else ""), headers=headers))
        ids += [item["id"] for item in page["items"]]
        cursor = page["cursor"]
        if not cursor:
            return ids
    raise AssertionError("too many pages")


def test_under_faults_and_crashes_every_submission_is_screened_and_routed_exactly_once(
    client, stack, faults, crashing_pump
):
    pump, runtime, clients = crashing_pump
    letter = "Please publish chronic absence rates for every building, as families need them. From {name}."
    documents = [
        {
            "team": "climate-and-culture",
            "body": f"Note {n}: our school needs {topic}.",
            "consent_to_publish": True,
        }
        for n, topic in enumerate(
            random.Random(1).choices(["counselors", "buses", "tutors", "nurses"], k=SUBMISSIONS - CAMPAIGN)
        )
    ] + [
        {"team": "climate-and-culture", "body": letter.format(name=f"parent {n}"), "consent_to_publish": True}
        for n in range(CAMPAIGN)
    ]
    # Many people, all at the test client's one address: from the form, a flood is no spam.
    documents = [{**document, "form_token": filled_in_form_token()} for document in documents]
    faults.enabled = True
    accepted = [
        submit_until_accepted(client, document, f"fault-test-{n}") for n, document in enumerate(documents)
    ]
    clients.sqs.send_message(
        QueueUrl=stack.resources.queues["ScreeningQueue"].url,
        MessageBody=json.dumps({"feedback_id": UNKNOWN_ID}),
    )
    pump.drain(timeout=120)
    faults.enabled = False
    poison = move_back_from_dead_letters(clients, stack, keep=UNKNOWN_ID)
    assert pump.drain(timeout=120)

    ids = [feedback_id for feedback_id, _ in accepted]
    staff = signed_in(stack, "staff")
    queued = all_pages(client, "/queues/moderation?limit=7", staff)
    inbox = all_pages(client, "/teams/climate-and-culture/inbox?limit=7", staff)
    histories = [body_of(client.http.get(f"/feedback/{i}/history", headers=staff)) for i in ids]

    assert sum(faults.injected.values()) > 0 and runtime.crashes > 0
    assert any(attempts > 1 for _, attempts in accepted), "no submission met a fault: the test proved nothing"
    assert len(set(ids)) == SUBMISSIONS == stack.count_items("feedback")
    assert sorted(queued) == sorted(ids) and sorted(inbox) == sorted(ids)
    assert all([e["action"] for e in h["events"]] == ["received", "screened"] for h in histories)
    assert poison == [json.dumps({"feedback_id": UNKNOWN_ID})]
    campaign_clusters = {
        item["cluster"]["id"]
        for item in body_of(client.http.get("/queues/moderation?limit=100", headers=staff))["items"]
        if "parent" in item["body"]
    }
    assert len(campaign_clusters) == 1
