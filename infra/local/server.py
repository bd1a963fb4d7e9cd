"""The embedded moto server, and the environment every local process shares."""

import logging
import os
import socket

from moto.server import ThreadedMotoServer

from infra.local import moto_fidelity
from infra.local.config import FAKE_CREDENTIALS


class PortInUseError(RuntimeError):
    pass


def ensure_port_free(port: int, what: str) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortInUseError(f"port {port} ({what}) is already in use on 127.0.0.1") from error


def start_moto(port: int) -> ThreadedMotoServer:
    # Pool and client ids derived from their definitions stay the same across restarts, so the app's
    # settings, accounts.json and tokens issued before a restart all stay valid.
    os.environ["MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY"] = "HASH"
    os.environ["MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY"] = "HASH"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto_fidelity.apply()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server


def aws_environment(endpoint: str, region: str) -> dict[str, str]:
    return {
        **FAKE_CREDENTIALS,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
    }
