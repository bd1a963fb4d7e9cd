"""The local AWS endpoint, served by infra.local.moto_process, and the environment every local process
shares."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from infra.local.config import FAKE_CREDENTIALS

READY = "READY"


class PortInUseError(RuntimeError):
    pass


def ensure_port_free(port: int, what: str) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortInUseError(f"port {port} ({what}) is already in use on 127.0.0.1") from error


def aws_environment(endpoint: str, region: str) -> dict[str, str]:
    return {
        **FAKE_CREDENTIALS,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
    }


class MotoProcess:
    """The moto server's process: started, waited for until its saved data is back, stopped with a save."""

    def __init__(self, port: int, data_dir: Path, region: str, fresh: bool = False) -> None:
        command = [sys.executable, "-m", "infra.local.moto_process", "--port", str(port)]
        command += ["--data-dir", str(data_dir), *(["--fresh"] if fresh else [])]
        environment = {
            **os.environ,
            "AWS_DEFAULT_REGION": region,
            "AWS_REGION": region,
            "PYTHONUNBUFFERED": "1",
        }
        # Its own session: Ctrl-C reaches `make run` only, which stops the others in order, moto last.
        self.process = subprocess.Popen(
            command, env=environment, stdout=subprocess.PIPE, start_new_session=True, text=True
        )

    def wait_until_ready(self, timeout: float = 120.0) -> None:
        output = self.process.stdout
        assert output is not None
        deadline = time.monotonic() + timeout
        for line in output:
            if line.strip() == READY:
                threading.Thread(target=_relay, args=(output,), name="moto-output", daemon=True).start()
                return
            print(line, end="", flush=True)
            if time.monotonic() > deadline:
                break
        self.stop()
        raise RuntimeError(f"the local AWS (moto) did not start (exit status {self.process.poll()})")

    def stop(self, timeout: float = 60.0) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _relay(output: IO[str]) -> None:
    for line in output:
        print(line, end="", flush=True)
