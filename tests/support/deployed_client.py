"""chalice's test client, with API Gateway's own refusals answered as the template declares them."""

from typing import Any

from chalice.config import Config
from chalice.test import Client, TestHTTPClient

from infra.local.gateway import DeployedGateway


class DeployedClient(Client):
    @property
    def http(self) -> TestHTTPClient:
        if self._http_client is None:
            self._http_client = _DeployedHTTPClient(self._app, self._chalice_config)
        return self._http_client


class _DeployedHTTPClient(TestHTTPClient):
    def __init__(self, app: Any, config: Config) -> None:
        super().__init__(app, config)
        self._local_gateway = DeployedGateway(app, config)
