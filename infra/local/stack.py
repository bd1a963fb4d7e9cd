"""Starts the pieces of the local stack in order and stops them in reverse: moto (and the stamping of
its emails' send times), the template's resources, the restored snapshot, groups and demo accounts, the
event pump, `chalice local`."""

import importlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path

from chalice.app import Chalice

from chalicelib.adapters.program_file import load_program
from infra.local import accounts, snapshot
from infra.local.clients import AwsClients
from infra.local.config import LocalConfig
from infra.local.form_token_secret import form_token_secret
from infra.local.pump import EventPump, PumpSettings
from infra.local.resources import LocalResources, create_resources
from infra.local.send_times import SendTimes
from infra.local.server import aws_environment, start_moto
from infra.seed import ensure_program_groups

log = logging.getLogger(__name__)

STAGE = "dev"


class LocalStack:
    def __init__(self, config: LocalConfig) -> None:
        self.config = config
        self._running = ExitStack()
        self.pump: EventPump | None = None
        self.resources: LocalResources | None = None
        self.accounts: tuple[accounts.DemoAccount, ...] = ()
        self.chalice: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        config = self.config
        server = start_moto(config.moto_port)
        self._running.callback(server.stop)
        send_times = SendTimes()
        send_times.start()
        self._running.callback(send_times.stop)
        os.environ.update(aws_environment(config.endpoint, config.region))
        clients = AwsClients.create(config.endpoint, config.region)
        self.resources = resources = create_resources(clients=clients)
        saved = snapshot.read(config.snapshot_path)
        if saved:
            snapshot.restore(clients, resources, saved)
            log.info("restored the data saved at %s", saved.get("saved_at"))
        program = load_program(self.app_environment(resources).get("PROGRAM_ID", "msip-6"))
        ensure_program_groups(clients.cognito, resources.user_pool_id, program)
        self.accounts = accounts.demo_accounts(program, accounts.known_passwords(config.accounts_path))
        accounts.ensure_accounts(clients.cognito, resources.user_pool_id, self.accounts)
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
        snapshots = snapshot.PeriodicSnapshots(config.snapshot_path, clients, resources)
        snapshots.save_if_changed()
        snapshots.start()
        self._running.callback(snapshots.stop)
        os.environ.update(self.app_environment(resources))
        self.pump = pump = EventPump(self._import_app(), clients, resources, PumpSettings(stage=STAGE))
        pump.start()
        self._running.callback(pump.stop, catch_up_seconds=3.0)
        self.chalice = self._start_chalice()
        self._running.callback(_stop_process_group, self.chalice)
        _wait_for_health(f"{config.api_url}/health", self.chalice)

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
            command, cwd=self.config.project_dir, env=dict(os.environ), start_new_session=True
        )


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
