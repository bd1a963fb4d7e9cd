"""Structured JSON logs and metrics. Never log a submitter's email or the text they sent."""

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="public-review")
metrics = Metrics(namespace="PublicReview", service="public-review")
