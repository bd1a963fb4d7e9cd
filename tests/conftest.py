"""Every test process talks only to 127.0.0.1: fake credentials, and an endpoint nothing listens on
until a fixture starts a moto server."""

import os

os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_REGION="us-east-1",
    AWS_ENDPOINT_URL="http://127.0.0.1:9",
    POWERTOOLS_LOG_LEVEL="WARNING",
    POWERTOOLS_METRICS_NAMESPACE="PublicReviewTests",
    POWERTOOLS_DEV="false",
)
os.environ.pop("AWS_PROFILE", None)

from infra.local import moto_fidelity

moto_fidelity.apply()

from tests.support.fixtures import (  # noqa: E402,F401  (one stack and one app for every test folder)
    chalice_app,
    client,
    event_pump,
    live_url,
    stack,
    workers,
)
