"""Starts the pieces of the local stack in order and stops them in reverse: the moto process (which puts
the saved data back, keeps it and writes the outbox), the template's resources, groups and demo accounts,
the event pump, `chalice local`."""

import importlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path

from chalice.app import Chalice

from chalicelib.adapters.program_file import load_program
from infra.local import accounts
from infra.local.clients import AwsClients
from infra.local.config import LocalConfig
from infra.local.form_token_secret import form_token_secret
from infra.local.pump import EventPump, PumpSettings
from infra.local.resources import LocalResources, create_resources
from infra.local.server import MotoProcess, aws_environment
from infra.seed import ensure_program_groups

log = logging.getLogger(__name__)

STAGE = "dev"


class LocalStack:
    def __init__(self, config: LocalConfig, fresh: bool = False) -> None:
        self.config = config
        self._fresh = fresh
        self._running = ExitStack()
        self.pump: EventPump | None = None
        self.resources: LocalResources | None = None
        self.accounts: tuple[accounts.DemoAccount, ...] = ()
        self.chalice: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        config = self.config
        moto = MotoProcess(config.moto_port, config.data_dir, config.region, fresh=self._fresh)
        self._running.callback(moto.stop)
        moto.wait_until_ready()
        os.environ.update(aws_environment(config.endpoint, config.region))
        clients = AwsClients.create(config.endpoint, config.region)
        self.resources = resources = create_resources(clients=clients)
        os.environ.update(self.app_environment(resources))
        # Made before the API starts: its stream readers begin at the stream's end as it is now, so every
        # write the API makes is routed. Stopped after the API, for the same reason.
        self.pump = EventPump(
            self._import_app(),
            clients,
            resources,
            PumpSettings(stage=STAGE, sqs_concurrency=config.pump_concurrency),
        )
        self._running.callback(self._stop_api_then_pump)
        # `chalice local` takes seconds to start: it does so while the demo accounts are made.
        self.chalice = self._start_chalice()
        health_logged = threading.Event()
        threading.Thread(
            target=_relay, args=(self.chalice, health_logged), name="chalice-output", daemon=True
        ).start()
        program = load_program(self.app_environment(resources).get("PROGRAM_ID", "msip-6"))
        ensure_program_groups(clients.cognito, resources.user_pool_id, program)
        described = accounts.demo_accounts(
            program,
            accounts.known_passwords(config.accounts_path),
            accounts.known_authenticator_keys(config.accounts_path),
        )
        self.accounts = accounts.ensure_accounts(
            clients.cognito, resources.user_pool_id, resources.user_pool_client_id, described
        )
        accounts.write_accounts_file(
            config.accounts_path,
            accounts.AccountsFile(
                config.endpoint,
                config.region,
                resources.user_pool_id,
                resources.user_pool_client_id,
                self.accounts,
            ),
        )
        self.pump.start()
        _wait_for_health(f"{config.api_url}/health", self.chalice)
        # So that whatever prints next (the banner) comes after the server's log line for that request.
        health_logged.wait(10)

    def _stop_api_then_pump(self) -> None:
        if self.chalice is not None:
            _stop_process_group(self.chalice)
        if self.pump is not None:
            # A batch still running after that is safe to leave: its messages are saved with the queues and
            # delivered again after a restart, to handlers that do nothing twice.
            self.pump.stop(catch_up_seconds=3.0, timeout=3.0)

    def stop(self) -> None:
        self._running.close()

    def app_environment(self, resources: LocalResources) -> dict[str, str]:
        """The environment of `chalice local` and of the pump's in-process app: what the template's Globals
        and .chalice/config.json give the functions in AWS, with local values."""
        pool = resources.user_pool_id
        return {
            **aws_environment(self.config.endpoint, self.config.region),
            **_chalice_config_environment(self.config.project_dir, STAGE),
            **resources.app_environment(),
            "JWKS_URL": f"{self.config.endpoint}/{pool}/.well-known/jwks.json",
            "FORM_TOKEN_SECRET": form_token_secret(self.config.data_dir),
        }

    def _import_app(self) -> Chalice:
        if str(self.config.project_dir) not in sys.path:
            sys.path.insert(0, str(self.config.project_dir))
        application: Chalice = importlib.import_module("app").app
        return application

    def _start_chalice(self) -> "subprocess.Popen[bytes]":
        command = [
            sys.executable,
            "-m",
            "infra.local.chalice_local",
            "--project-dir",
            str(self.config.project_dir),
            "local",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.config.port),
            "--no-autoreload",
            "--stage",
            STAGE,
        ]
        # Its own process group, so stopping it can never leave a child holding the port.
        return subprocess.Popen(
            command,
            cwd=self.config.project_dir,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _relay(process: "subprocess.Popen[bytes]", health_logged: threading.Event) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        sys.stdout.buffer.write(line)
        sys.stdout.flush()
        if b" /health " in line:
            health_logged.set()


def _chalice_config_environment(project_dir: Path, stage: str) -> dict[str, str]:
    path = project_dir / ".chalice" / "config.json"
    if not path.is_file():
        return {}
    config = json.loads(path.read_text(encoding="utf-8"))
    stage_config = config.get("stages", {}).get(stage, {})
    return {**config.get("environment_variables", {}), **stage_config.get("environment_variables", {})}


def _wait_for_health(url: str, process: "subprocess.Popen[bytes]", timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"chalice local exited with status {process.returncode} before it answered {url}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"chalice local did not answer {url} within {timeout:.0f} s")


def _stop_process_group(process: "subprocess.Popen[bytes]", timeout: float = 5.0) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
