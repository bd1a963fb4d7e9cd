"""Runs `chalice local` (same arguments) and ends it as soon as the process that started it is gone, so a
`make run` killed with SIGKILL never leaves a server holding the port. Its server answers as the deployed
API does (see infra.local.request_handler) and keeps secrets out of its access log."""

import functools
import os
import signal
import sys
import threading
import time

from chalice import local
from chalice.app import Chalice
from chalice.config import Config

from infra.local.request_handler import DeployedRequestHandler

_chalice_local_server = local.create_local_server


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.killpg(os.getpgrp(), signal.SIGTERM)


def deployed_local_server(app_obj: Chalice, config: Config, host: str, port: int) -> local.LocalDevServer:
    """chalice's local server, prepared by chalice, with each request served by our handler."""
    server = _chalice_local_server(app_obj, config, host, port)
    server.server.RequestHandlerClass = functools.partial(
        DeployedRequestHandler, app_object=app_obj, config=config
    )
    return server


def main() -> int:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True).start()
    from chalice.cli import main as chalice_main

    local.create_local_server = deployed_local_server
    sys.argv[0] = "chalice"
    return int(chalice_main() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
