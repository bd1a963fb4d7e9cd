"""`make load`: the local stack under a public-comment rush, then a reconciliation of what happened.

2,000 submissions from 16 concurrent clients over HTTP to `chalice local`, 500 of them one campaign's
form letter with small edits, each leaving an email address. Prints throughput and latency, then:
submitted = stored = screened = routed, how many were lost or doubled, and how many of the campaign landed
in one cluster (with any unrelated item that joined it). Then the local stack's own times: the drain rate
against intake, `make outbox` with every acknowledgement sent, a stop, and a restart to /health with every
item there. Starts its own local stack on free ports with a throwaway data folder.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

SUBMISSIONS = int(os.environ.get("LOAD_SUBMISSIONS", "2000"))
CAMPAIGN = int(os.environ.get("LOAD_CAMPAIGN", "500"))
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "16"))
TEAM = "academic-achievement"


def workload(seed: int = 6) -> list[tuple[str, bool]]:
    from tests.support.campaign_texts import campaign_message, unrelated_message

    rng = random.Random(seed)
    items = [(campaign_message(rng), True) for _ in range(CAMPAIGN)]
    items += [(unrelated_message(rng), False) for _ in range(SUBMISSIONS - CAMPAIGN)]
    rng.shuffle(items)
    return items


def form_token(api_url: str) -> str:
    """A form token, as a page serves one, old enough that screening takes what comes with it for a person's."""
    from chalicelib.domain.spam import MIN_SECONDS_TO_SUBMIT

    with urllib.request.urlopen(f"{api_url}/form-token", timeout=60) as response:
        token = str(json.load(response)["form_token"])
    time.sleep(MIN_SECONDS_TO_SUBMIT + 0.5)
    return token


def post(api_url: str, body: str, key: str, token: str) -> tuple[str, float, int]:
    submitter = {"email": f"load-{key[:12]}@example.org"}
    document = json.dumps(
        {"team": TEAM, "body": body, "consent_to_publish": True, "submitter": submitter, "form_token": token}
    ).encode()
    started = time.perf_counter()
    for attempt in range(1, 20):
        request = urllib.request.Request(
            f"{api_url}/feedback",
            data=document,
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = json.load(response)
                return str(answer["id"]), time.perf_counter() - started, attempt
        except urllib.error.HTTPError as error:
            if error.code != 503:
                raise
        except OSError:
            pass  # refused or reset under load (urllib's URLError is one too): send it again, same key
        time.sleep(0.2 * attempt)
    raise RuntimeError(f"submission {key} was never accepted")


def send_all(api_url: str, items: list[tuple[str, bool]]) -> tuple[dict[str, bool], list[float], float, int]:
    pending = list(enumerate(items))
    lock = threading.Lock()
    accepted: dict[str, bool] = {}
    latencies: list[float] = []
    retries = 0
    token = form_token(api_url)

    def client() -> None:
        nonlocal retries
        while True:
            with lock:
                if not pending:
                    return
                _, (body, in_campaign) = pending.pop()
            feedback_id, seconds, attempts = post(api_url, body, uuid.uuid4().hex, token)
            with lock:
                accepted[feedback_id] = in_campaign
                latencies.append(seconds)
                retries += attempts - 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return accepted, latencies, time.perf_counter() - started, retries


def stored_feedback(dynamodb: Any, table: str) -> list[dict[str, Any]]:
    """Reads the whole table: fine for a reconciliation tool, never done on a request path."""
    from chalicelib.adapters.items import from_item

    items = []
    for page in dynamodb.get_paginator("scan").paginate(
        TableName=table, FilterExpression="entity = :f", ExpressionAttributeValues={":f": {"S": "feedback"}}
    ):
        items += [from_item(item) for item in page["Items"]]
    return items


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> int:
    import boto3

    from infra.local.config import LocalConfig
    from infra.local.stack import LocalStack
    from tests.support.ports import free_port

    # Every client sends from this machine's one address, standing for many people on many networks.
    os.environ["SUBMISSIONS_PER_SOURCE_PER_MINUTE"] = str(SUBMISSIONS)
    data_dir = Path(tempfile.mkdtemp(prefix="public-review-load-"))
    config = LocalConfig(port=free_port(), moto_port=free_port(), data_dir=data_dir, region="us-east-1")
    stack = LocalStack(config)
    print(f"starting the local stack (API {config.api_url}, data in {data_dir}) ...", flush=True)
    stack.start()
    try:
        items = workload()
        print(f"sending {len(items)} submissions from {CLIENTS} clients ...", flush=True)
        accepted, latencies, seconds, retries = send_all(config.api_url, items)
        print(
            f"sent: {len(accepted)} accepted in {seconds:.1f} s = {len(accepted) / seconds:.1f} submissions/s; "
            f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms; {retries} retries after 503",
            flush=True,
        )
        assert stack.pump is not None
        waited = time.perf_counter()
        settled = stack.pump.drain(timeout=3600)
        drained = time.perf_counter() - waited
        print(f"workers settled: {settled} after {drained:.1f} s", flush=True)
        status = reconcile(stack, accepted)
        top_up_outbox(stack, len(accepted))
        outbox_seconds, emails = timed_outbox(data_dir)
    finally:
        stopping = time.perf_counter()
        stack.stop()
        stop_seconds = time.perf_counter() - stopping
    restarted_stack = LocalStack(config)
    restarting = time.perf_counter()
    restarted_stack.start()
    try:
        restart_seconds = time.perf_counter() - restarting
        assert restarted_stack.resources is not None
        dynamodb = boto3.client("dynamodb", endpoint_url=config.endpoint, region_name=config.region)
        kept = len(stored_feedback(dynamodb, restarted_stack.resources.table_name))
        emails_kept = timed_outbox(data_dir)[1]
    finally:
        restarted_stack.stop()
    print(
        f"local stack: drained {len(accepted) / drained:.1f} items/s ({drained / seconds:.1f}x the intake time; "
        f"targets >= 15 items/s or <= 5x); make outbox {outbox_seconds:.2f} s for {emails} emails (target <= 2 s); "
        f"stop {stop_seconds:.1f} s (target <= 5 s); restart to /health {restart_seconds:.1f} s (target <= 15 s) "
        f"with {kept} of {len(accepted)} items and {emails_kept} of {emails} emails there",
        flush=True,
    )
    return status if kept == len(accepted) and emails_kept == emails else 1


def top_up_outbox(stack: Any, wanted: int) -> None:
    """Sends emails straight through the local SES until `wanted` were sent: the app writes to one address
    only a few a day, and screening tells it not to email a flood from one source (all of these are)."""
    import boto3

    from infra.local.outbox import OUTBOX_FILE, sent_emails

    outbox = stack.config.data_dir / OUTBOX_FILE
    missing = wanted - len(sent_emails(outbox))
    ses = boto3.client("ses", endpoint_url=stack.config.endpoint, region_name=stack.config.region)
    for number in range(missing):
        ses.send_email(
            Source=stack.resources.sender_email,
            Destination={"ToAddresses": [f"load-extra-{number}@example.org"]},
            Message={"Subject": {"Data": f"Load email {number}"}, "Body": {"Text": {"Data": "A test."}}},
        )
    deadline = time.monotonic() + 60
    while len(sent_emails(outbox)) < wanted and time.monotonic() < deadline:
        time.sleep(0.25)
    print(f"outbox: {max(missing, 0)} emails sent straight through SES to reach {wanted}", flush=True)


def timed_outbox(data_dir: Path) -> tuple[float, int]:
    """How long `make outbox` takes, and how many emails it listed."""
    environment = {**os.environ, "LOCAL_DATA_DIR": str(data_dir)}
    started = time.perf_counter()
    listed = subprocess.run(
        [sys.executable, "-m", "infra.local.outbox", "--lines", "1"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - started
    return seconds, listed.count("\n  subject: ")


def reconcile(stack: Any, accepted: dict[str, bool]) -> int:
    import boto3

    dynamodb = boto3.client("dynamodb", endpoint_url=stack.config.endpoint, region_name=stack.config.region)
    stored = stored_feedback(dynamodb, stack.resources.table_name)
    stored_ids = Counter(str(item["id"]) for item in stored)
    screened = [item for item in stored if item.get("status") != "received"]
    routed = [
        item for item in stored if item.get("GSI2PK") and str(item.get("GSI1PK", "")).startswith("INBOX#")
    ]
    lost = len(set(accepted) - set(stored_ids))
    doubled = sum(count - 1 for count in stored_ids.values()) + len(set(stored_ids) - set(accepted))
    clusters = {str(item["id"]): str(item["screening"]["cluster_id"]) for item in screened}
    campaign_clusters = Counter(
        clusters[i] for i, in_campaign in accepted.items() if in_campaign and i in clusters
    )
    biggest, members = campaign_clusters.most_common(1)[0] if campaign_clusters else ("-", 0)
    strangers = sum(
        1 for i, in_campaign in accepted.items() if not in_campaign and clusters.get(i) == biggest
    )
    campaign = sum(accepted.values())
    print(
        f"reconciliation: submitted {len(accepted)} = stored {len(stored)} = screened {len(screened)} "
        f"= routed {len(routed)}; lost {lost}, doubled {doubled}"
    )
    print(
        f"campaign: {members} of {campaign} in one cluster ({members / max(campaign, 1):.1%}, target >= 95%), "
        f"{strangers} unrelated items in it; {len(campaign_clusters)} clusters hold the campaign"
    )
    balanced = len(accepted) == len(stored) == len(screened) == len(routed) and lost == doubled == 0
    good_cluster = members >= 0.95 * campaign and strangers == 0
    return 0 if balanced and good_cluster else 1


if __name__ == "__main__":
    sys.exit(main())
