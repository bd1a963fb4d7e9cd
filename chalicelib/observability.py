"""Structured JSON logs and metrics. Never log a submitter's email or the text they sent."""

import threading

from aws_lambda_powertools import Logger
from aws_lambda_powertools.metrics import EphemeralMetrics, MetricUnit

logger = Logger(service="public-review")


class RequestMetrics(threading.local):
    """Powertools' `Metrics` share one metric set between every instance and thread. Lambda serves one
    request at a time, but `chalice local` and the test client serve several on threads: one request's
    flush would empty the set under another's. Here each thread counts into its own set."""

    def __init__(self) -> None:
        self._emf = EphemeralMetrics(namespace="PublicReview", service="public-review")

    def add_metric(self, name: str, unit: MetricUnit, value: float) -> None:
        self._emf.add_metric(name=name, unit=unit, value=value)

    def flush(self) -> None:
        """Writes what this thread counted since its last flush, if anything."""
        if self._emf.metric_set:
            self._emf.flush_metrics()


metrics = RequestMetrics()
