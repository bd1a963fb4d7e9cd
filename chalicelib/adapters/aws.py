"""boto3 clients, configured once: bounded timeouts and retries that back off on throttling."""

import threading
from typing import Any

import boto3
from botocore.config import Config

_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 5},
    connect_timeout=3,
    read_timeout=10,
    tcp_keepalive=True,
    max_pool_connections=32,
)


def client(service: str, region: str) -> Any:
    return boto3.session.Session().client(service, region_name=region, config=_CONFIG)


class LazyClient:
    """A client made on first use: the API's requests never pay at start for the workers' SQS and SES."""

    def __init__(self, service: str, region: str) -> None:
        self._service = service
        self._region = region
        self._client: Any = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = client(self._service, self._region)
        return getattr(self._client, name)
