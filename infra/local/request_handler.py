"""The local HTTP server's request handler: API Gateway's refusals as the template declares them, and an
access log that never holds a secret."""

from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from chalice.app import Chalice
from chalice.config import Config
from chalice.local import ChaliceRequestHandler

from infra.local.access_log import without_secrets
from infra.local.gateway import DeployedGateway


class DeployedRequestHandler(ChaliceRequestHandler):
    def __init__(
        self,
        request: Any,
        client_address: tuple[str, int],
        server: HTTPServer,
        app_object: Chalice,
        config: Config,
    ) -> None:
        self.local_gateway = DeployedGateway(app_object, config)
        # The base handler serves the request from its constructor, so the gateway must be set first.
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def log_message(self, format: str, *args: Any) -> None:
        super().log_message("%s", without_secrets(format % args))
