"""`chalice local` and the test client serve requests on threads: each must keep its own caller and logs."""

import json
import threading
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Blueprint
from chalice.test import Client

from chalicelib.api.application import PublicReviewApp
from chalicelib.api.middleware import guard_request
from chalicelib.observability import metrics
from tests.support.logs import app_log_lines

NAMES = ("ada", "grace")


def app_whose_handlers_wait_for_each_other() -> PublicReviewApp:
    both_arrived = threading.Barrier(len(NAMES), timeout=10)
    callers = Blueprint(__name__)

    @callers.route("/callers/{name}")
    def who_is_calling(name: str) -> dict[str, str]:
        metrics.add_metric(name="CallerServed", unit=MetricUnit.Count, value=1)
        both_arrived.wait()
        return {"caller": callers.current_request.uri_params["name"]}

    app = PublicReviewApp(app_name="concurrent-requests")
    app.register_middleware(guard_request, "http")
    app.register_blueprint(callers)
    return app


def served_at_once(app: PublicReviewApp) -> dict[str, Any]:
    responses: dict[str, Any] = {}

    def call(name: str) -> None:
        with Client(app) as client:
            responses[name] = client.http.get(f"/callers/{name}")

    threads = [threading.Thread(target=call, args=(name,)) for name in NAMES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_a_handler_reads_its_own_request_while_another_is_served_on_another_thread():
    responses = served_at_once(app_whose_handlers_wait_for_each_other())

    assert {name: response.json_body for name, response in responses.items()} == {
        name: {"caller": name} for name in NAMES
    }


def test_each_request_is_logged_with_its_own_correlation_id_while_another_is_served():
    with app_log_lines() as stream:
        responses = served_at_once(app_whose_handlers_wait_for_each_other())

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert sorted(line["correlation_id"] for line in lines) == sorted(
        response.headers["X-Correlation-Id"] for response in responses.values()
    )


def test_each_request_writes_its_own_metrics_while_another_is_served(capsys):
    responses = served_at_once(app_whose_handlers_wait_for_each_other())

    emitted = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')
    ]
    assert [response.status_code for response in responses.values()] == [200, 200]
    assert [document["CallerServed"] for document in emitted] == [[1.0], [1.0]]
