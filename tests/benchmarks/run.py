"""`make bench`: cold start and POST /feedback overhead, as ratios measured in one run.

(a) median wall time of a fresh interpreter importing `app`, against one importing only chalice
    and creating one boto3 client; beside it, the import alone timed inside each interpreter (what
    Lambda's init phase pays, without start-up and teardown). Both sides import from what `make
    package` writes, laid out as Lambda extracts it (the function's code, then its layer, and no other
    site-packages), so each pays for the bytecode it ships and nothing the deployment would not; (b) POST /feedback through the app
    (in-process, on a moto server made as fast as the local stack's) against the raw boto3 call it
    makes, on the same moto server, p50 and p99.
"""

import contextlib
import json
import logging
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from infra.package import package
from tests.support.lambda_layout import LambdaLayout

COLD_START_RUNS = 21
REQUESTS = 200
WARMUP = 20
# Some of moto's work still grows with the table; emptying it now and then (untimed) keeps both sides
# measuring our code and boto3, not moto's growth.
RESET_EVERY = 20
BASELINE_IMPORT = "import chalice, boto3; boto3.client('dynamodb', region_name='us-east-1')"


def wall_seconds(layout: LambdaLayout, code: str) -> float:
    started = time.perf_counter()
    layout.run(code)
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def timed_side_by_side(
    first: Callable[[], object], second: Callable[[], object], count: int, reset: Callable[[], None]
) -> tuple[list[float], list[float]]:
    """Alternates the two, so both meet the same table size and the same machine load."""
    samples: tuple[list[float], list[float]] = ([], [])
    for round_number in range(WARMUP + count):
        if round_number % RESET_EVERY == 0:
            reset()
        for action, bucket in ((first, samples[0]), (second, samples[1])):
            started = time.perf_counter()
            action()
            if round_number >= WARMUP:
                bucket.append(time.perf_counter() - started)
    return samples


def import_only_seconds(layout: LambdaLayout, code: str) -> float:
    """The import alone, timed inside the interpreter: no start-up, no teardown (Lambda's init phase)."""
    timed = f"import time; started = time.perf_counter(); {code}; print(time.perf_counter() - started)"
    return float(layout.run(timed).stdout.strip().splitlines()[-1])


def cold_start() -> tuple[tuple[float, float], tuple[float, float]]:
    """Alternates the two sides run by run, so both meet the same machine load. Returns (app, baseline)
    for the whole interpreter's wall time, then for the import alone."""
    with tempfile.TemporaryDirectory(prefix="cold-start-") as root:
        package(Path(root, "out"))
        layout = LambdaLayout(Path(root, "out"), Path(root))
        for code in ("import app", BASELINE_IMPORT):
            wall_seconds(layout, code)  # the first run of each side reads the files into the page cache
        walls: tuple[list[float], list[float]] = ([], [])
        imports: tuple[list[float], list[float]] = ([], [])
        for _ in range(COLD_START_RUNS):
            for side, code in enumerate(("import app", BASELINE_IMPORT)):
                walls[side].append(wall_seconds(layout, code))
                imports[side].append(import_only_seconds(layout, code))
    return (
        (statistics.median(walls[0]), statistics.median(walls[1])),
        (statistics.median(imports[0]), statistics.median(imports[1])),
    )


def request_overhead() -> tuple[tuple[float, float], tuple[float, float]]:
    from moto.server import ThreadedMotoServer

    from infra.local import moto_fidelity
    from tests.support.ports import free_port

    moto_fidelity.apply()  # the same embedded AWS as the local stack's

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    os.environ["AWS_ENDPOINT_URL"] = f"http://127.0.0.1:{port}"
    try:
        from infra.local.resources import create_resources

        resources = create_resources()
        os.environ["TABLE_NAME"] = resources.table_name
        from chalice.test import Client

        from app import app
        from chalicelib.adapters.aws import client as aws_client
        from chalicelib.adapters.items import to_item

        dynamodb = aws_client("dynamodb", "us-east-1")
        body = json.dumps(
            {"team": "academic-achievement", "body": "Growth matters.", "consent_to_publish": True}
        )
        with Client(app) as client:

            def through_app() -> None:
                response = client.http.post(
                    "/feedback",
                    headers={"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
                    body=body,
                )
                assert response.status_code == 202, response.body

            def raw_calls() -> None:
                key = uuid.uuid4().hex
                dynamodb.transact_write_items(
                    TransactItems=[
                        {
                            "Put": {
                                "TableName": resources.table_name,
                                "Item": to_item({"PK": f"RAW#{key}", "SK": sk, "n": 1}),
                                "ConditionExpression": "attribute_not_exists(PK)",
                            }
                        }
                        for sk in ("FEEDBACK", "EVENT", "IDEMPOTENCY")
                    ]
                )

            def empty_table() -> None:
                for page in dynamodb.get_paginator("scan").paginate(TableName=resources.table_name):
                    for item in page["Items"]:
                        dynamodb.delete_item(
                            TableName=resources.table_name, Key={"PK": item["PK"], "SK": item["SK"]}
                        )

            # The app writes its metrics to stdout, as Lambda expects; they are written, just not shown.
            with open(os.devnull, "w") as discarded, contextlib.redirect_stdout(discarded):
                app_samples, raw_samples = timed_side_by_side(through_app, raw_calls, REQUESTS, empty_table)
    finally:
        server.stop()
    return percentiles(app_samples), percentiles(raw_samples)


def main() -> None:
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "bench")
    (ours, baseline), (ours_import, baseline_import) = cold_start()
    print(
        f"(a) cold start: import app {ours * 1000:.0f} ms, "
        f"chalice + one boto3 client {baseline * 1000:.0f} ms, "
        f"ratio {ours / baseline:.2f} (target <= 1.30); "
        f"the import alone {ours_import * 1000:.0f} ms against {baseline_import * 1000:.0f} ms, "
        f"ratio {ours_import / baseline_import:.2f}"
    )
    (app_p50, app_p99), (raw_p50, raw_p99) = request_overhead()
    print(
        f"(b) POST /feedback: app p50 {app_p50 * 1000:.2f} ms p99 {app_p99 * 1000:.2f} ms; "
        f"raw boto3 p50 {raw_p50 * 1000:.2f} ms p99 {raw_p99 * 1000:.2f} ms; "
        f"ratio p50 {app_p50 / raw_p50:.2f} p99 {app_p99 / raw_p99:.2f} (target <= 1.50)"
    )


if __name__ == "__main__":
    main()
