"""The app served over HTTP on loopback by the local server `make run` uses, API Gateway's refusals
answered as the template declares them."""

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from chalice.config import Config
from chalice.local import LocalDevServer

from infra.local.request_handler import DeployedRequestHandler
from tests.support.ports import free_port


@contextlib.contextmanager
def served_over_http(app: Any) -> Iterator[str]:
    port = free_port()
    server = LocalDevServer(
        app,
        Config.create(chalice_stage="dev", app_name="public-review"),
        "127.0.0.1",
        port,
        handler_cls=DeployedRequestHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
