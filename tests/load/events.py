"""`make load-events`: the local stack under a registration rush, then a reconciliation.

20 published events of different capacities, 2,000 people registering for them from 16 concurrent
clients over HTTP to `chalice local` (each person for one event, in a shuffled order, so every event
fills while others do). Prints throughput and latency, then per event: registered = stored, confirmed
within capacity and equal to the seats counter, waitlist positions 1..n with no gap; and in all, how
many registrations were lost or doubled. Starts its own local stack on free ports with a throwaway
data folder.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from tests.load.run import percentile

REGISTRATIONS = int(os.environ.get("LOAD_REGISTRATIONS", "2000"))
EVENTS = int(os.environ.get("LOAD_EVENTS", "20"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "16"))


def call(api_url: str, method: str, path: str, document: Any, token: str | None = None) -> tuple[int, Any]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"{api_url}{path}", data=json.dumps(document).encode(), headers=headers, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def create_events(api_url: str, token: str) -> dict[str, int]:
    """Published events, their capacities from 40 to 135: most fill, and their waitlists take the rest."""
    from tests.functional.event_journeys import event_details

    capacities = {}
    for number in range(EVENTS):
        capacity = 40 + 5 * number
        details = event_details(title=f"Convening {number + 1}", capacity=capacity, audience={})
        status, created = call(api_url, "POST", "/events", details, token)
        assert status == 201, created
        status, published = call(
            api_url, "POST", f"/events/{created['id']}/publication", {"version": created["version"]}, token
        )
        assert status == 200, published
        capacities[created["id"]] = capacity
    return capacities


def register(api_url: str, event_id: str, email: str) -> tuple[str, float, int]:
    """Sends until answered; a resend after a lost answer finds the address registered, which counts."""
    form = {"name": email.split("@")[0], "email": email}
    started = time.perf_counter()
    for attempt in range(1, 20):
        try:
            status, answer = call(api_url, "POST", f"/events/{event_id}/registrations", form)
        except OSError:
            status, answer = 0, None  # refused or reset under load: send it again
        if status == 201:
            return str(answer["status"]), time.perf_counter() - started, attempt
        if status == 409 and attempt > 1 and answer["error"]["code"] == "already_registered":
            return "resent", time.perf_counter() - started, attempt
        if status not in (0, 503):
            raise RuntimeError(f"registration of {email} answered {status}: {answer}")
        time.sleep(0.2 * attempt)
    raise RuntimeError(f"registration of {email} was never answered")


def register_everyone(
    api_url: str, people: list[tuple[str, str]]
) -> tuple[dict[str, str], list[float], float]:
    pending = list(people)
    lock = threading.Lock()
    answered: dict[str, str] = {}
    latencies: list[float] = []

    def client() -> None:
        while True:
            with lock:
                if not pending:
                    return
                event_id, email = pending.pop()
            status, seconds, _ = register(api_url, event_id, email)
            with lock:
                answered[email] = status
                latencies.append(seconds)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answered, latencies, time.perf_counter() - started


def stored_items(dynamodb: Any, table: str, entity: str) -> list[dict[str, Any]]:
    """Reads the whole table: fine for a reconciliation tool, never done on a request path."""
    from chalicelib.adapters.items import from_item

    items = []
    for page in dynamodb.get_paginator("scan").paginate(
        TableName=table, FilterExpression="entity = :e", ExpressionAttributeValues={":e": {"S": entity}}
    ):
        items += [from_item(item) for item in page["Items"]]
    return items


def reconcile(dynamodb: Any, table: str, capacities: dict[str, int], people: list[tuple[str, str]]) -> int:
    registrations = stored_items(dynamodb, table, "registration")
    counters = {
        str(item["PK"]).rsplit("#", 1)[1]: item for item in stored_items(dynamodb, table, "event_seats")
    }
    stored = Counter((str(item["event_id"]), str(item["email"])) for item in registrations)
    wanted = set(people)
    lost = len(wanted - set(stored))
    doubled = sum(count - 1 for count in stored.values()) + len(set(stored) - wanted)
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in registrations:
        by_event[str(item["event_id"])].append(item)
    faults = []
    for event_id, capacity in capacities.items():
        confirmed = [item for item in by_event[event_id] if item["status"] == "confirmed"]
        positions = sorted(
            int(item["waitlist_position"]) for item in by_event[event_id] if item["status"] == "waitlisted"
        )
        counted = int(counters[event_id]["confirmed"])
        if len(confirmed) > capacity or len(confirmed) != counted:
            faults.append(f"{event_id}: {len(confirmed)} confirmed, capacity {capacity}, counter {counted}")
        if positions != list(range(1, len(positions) + 1)):
            faults.append(f"{event_id}: waitlist positions {positions[:5]}… are not 1..{len(positions)}")
    full = sum(1 for event_id, capacity in capacities.items() if len(by_event[event_id]) >= capacity)
    print(
        f"reconciliation: registered {len(wanted)} = stored {len(registrations)}; lost {lost}, doubled {doubled}; "
        f"{full} of {len(capacities)} events full, capacities exceeded or miscounted: {len(faults)}"
    )
    for fault in faults:
        print(f"  {fault}")
    return 0 if lost == doubled == 0 and not faults and len(registrations) == len(wanted) else 1


def main() -> int:
    import boto3

    from infra.local.config import LocalConfig
    from infra.local.stack import LocalStack
    from infra.local.token import id_token
    from tests.support.ports import free_port

    data_dir = Path(tempfile.mkdtemp(prefix="public-review-load-events-"))
    config = LocalConfig(port=free_port(), moto_port=free_port(), data_dir=data_dir, region="us-east-1")
    stack = LocalStack(config)
    print(f"starting the local stack (API {config.api_url}, data in {data_dir}) ...", flush=True)
    stack.start()
    try:
        capacities = create_events(config.api_url, id_token("staff", data_dir))
        rng = random.Random(13)
        event_ids = list(capacities)
        people = [(event_ids[n % len(event_ids)], f"person-{n}@example.org") for n in range(REGISTRATIONS)]
        rng.shuffle(people)
        print(
            f"registering {len(people)} people for {len(capacities)} events from {CLIENTS} clients ...",
            flush=True,
        )
        answered, latencies, seconds = register_everyone(config.api_url, people)
        statuses = Counter(answered.values())
        print(
            f"sent: {len(answered)} answered in {seconds:.1f} s = {len(answered) / seconds:.1f} registrations/s; "
            f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms; "
            f"{dict(statuses)}",
            flush=True,
        )
        dynamodb = boto3.client("dynamodb", endpoint_url=config.endpoint, region_name=config.region)
        assert stack.resources is not None
        return reconcile(dynamodb, stack.resources.table_name, capacities, people)
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
