"""`make run` end to end: start, take feedback, Ctrl-C, nothing left running, restart, the data is there."""

import html
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest

from infra.local.accounts import read_accounts_file
from infra.local.config import ACCOUNTS_FILE, PROJECT_DIR
from infra.local.outbox import OUTBOX_FILE, SentEmail, sent_emails
from tests.support.ports import free_port

# Settings another suite may have exported in this process; the local stack must choose its own.
_APP_SETTINGS = ("TABLE_NAME", "USER_POOL_ID", "USER_POOL_CLIENT_ID", "JWKS_URL", "JWT_ISSUER")


class LocalRun:
    def __init__(self, tmp_path: Path) -> None:
        self.port, self.moto_port = free_port(), free_port()
        self.data_dir = tmp_path / "data"
        self.log = tmp_path / "run.log"
        self.environment = {
            key: value
            for key, value in os.environ.items()
            if key not in _APP_SETTINGS and not key.endswith("_QUEUE_URL")
        }
        self.environment.update(
            PORT=str(self.port), MOTO_PORT=str(self.moto_port), LOCAL_DATA_DIR=str(self.data_dir)
        )
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "infra.local.run"],
                cwd=PROJECT_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"make run exited early:\n{self.log.read_text()}"
            try:
                if self.call("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"make run did not answer /health within {timeout} s:\n{self.log.read_text()}")

    def interrupt(self, timeout: float = 30) -> int:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        for pid in processes_listening_on(self.port):
            os.kill(pid, signal.SIGKILL)

    def call(self, method: str, path: str, document: Any = None, token: str | None = None) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None if document is None else json.dumps(document).encode()
        request = urllib.request.Request(f"{self.api}{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def token(self, handle: str) -> str:
        return self._printed_by("infra.local.token", handle)

    def code(self, handle: str) -> str:
        return self._printed_by("infra.local.code", handle)

    def _printed_by(self, module: str, *arguments: str) -> str:
        answer = subprocess.run(
            [sys.executable, "-m", module, *arguments],
            cwd=PROJECT_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return answer.stdout.strip()

    def wait_for_email_to(self, address: str, timeout: float = 120) -> SentEmail:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [sent for sent in sent_emails(self.data_dir / OUTBOX_FILE) if address in sent.to]
            if found:
                return found[0]
            time.sleep(0.2)
        pytest.fail(f"no email to {address} within {timeout} s:\n{self.log.read_text()}")

    def wait_for_log_line(self, text: str, timeout: float = 30) -> None:
        """The server's log reaches the file through a masking filter, a moment after the response."""
        deadline = time.monotonic() + timeout
        while text not in self.log.read_text():
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not in the log within {timeout} s:\n{self.log.read_text()}")
            time.sleep(0.1)

    def sign_in_through_the_page(self, handle: str) -> tuple[str, str]:
        """Signs a demo account in as a browser does, with the password `make run` printed and the code
        `make code` prints; the address it lands on and that page."""
        saved = read_accounts_file(self.data_dir / ACCOUNTS_FILE)
        assert saved is not None
        account = saved.account(handle)
        assert account is not None
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(f"{self.api}/sign-in", timeout=10) as form:
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.read().decode()).group(1)
        fields = {"csrf_token": token, "email": account.email, "password": account.password}
        with browser.open(f"{self.api}/sign-in", data=urlencode(fields).encode(), timeout=10) as asked:
            assert urlparse(asked.url).path == "/sign-in/code"
            page = asked.read().decode()
        fields = {
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
            "next": html.unescape(re.search(r'name="next" value="([^"]*)"', page).group(1)),
            "code": self.code(handle),
        }
        with browser.open(f"{self.api}/sign-in/code", data=urlencode(fields).encode(), timeout=10) as landed:
            return urlparse(landed.url).path, landed.read().decode()


def processes_listening_on(port: int) -> list[int]:
    """Processes whose command line names this port: `chalice local --port N` among them."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"--port" in arguments and str(port).encode() in arguments:
                found.append(int(entry.name))
    return found


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.fixture
def local_run(tmp_path):
    run = LocalRun(tmp_path)
    yield run
    run.kill()


def test_make_run_serves_stops_cleanly_and_keeps_the_data_across_a_restart(local_run):
    # GIVEN `make run` on a fresh machine
    local_run.start()

    # WHEN someone sends feedback
    status, receipt = local_run.call(
        "POST",
        "/feedback",
        {
            "team": "academic-achievement",
            "body": "Please publish growth measures.",
            "consent_to_publish": True,
            "submitter": {"email": "dana@example.org"},
        },
    )
    assert status == 202, receipt
    assert receipt["id"] and receipt["receipt"]
    # AND the banner came after the server's log line for the first request it answered
    local_run.wait_for_log_line("Public review is running on this machine.")
    log = local_run.log.read_text()
    assert log.index('"GET /health HTTP/1.1" 200') < log.index("Public review is running on this machine.")
    # AND a demo account signs in with the printed command
    token = local_run.token("staff")
    assert local_run.call("GET", "/me", token=token)[1]["groups"] == ["staff"]
    # AND in a browser, through the sign-in page, with the password it printed
    landed, page = local_run.sign_in_through_the_page("staff")
    assert landed == "/console"
    assert "Signed in as staff@example.org" in page

    # AND the workers acknowledged the feedback by email
    acknowledgement = local_run.wait_for_email_to("dana@example.org")

    # AND Ctrl-C is pressed
    assert local_run.interrupt() == 0, local_run.log.read_text()

    # THEN nothing is left running: the process group is gone and both ports are free
    with pytest.raises(ProcessLookupError):
        os.killpg(local_run.process.pid, 0)
    assert processes_listening_on(local_run.port) == []
    assert port_is_free(local_run.port) and port_is_free(local_run.moto_port)

    # WHEN it is started again
    local_run.start()

    # THEN the feedback is still there for the person holding its receipt
    status, view = local_run.call("GET", f"/feedback/{receipt['id']}?receipt={receipt['receipt']}")
    assert status == 200, view
    assert view["team"] == "academic-achievement"
    # AND the access log shows the request without its receipt
    local_run.wait_for_log_line(f"/feedback/{receipt['id']}?receipt=***")
    assert receipt["receipt"] not in local_run.log.read_text()
    # AND a signed-in route called without a token answers in the API's error shape
    assert local_run.call("GET", "/me")[1]["error"]["code"] == "unauthenticated"
    # AND the token issued before the restart is still accepted
    assert local_run.call("GET", "/me", token=token)[0] == 200
    # AND `make outbox` still shows the email sent before the restart
    assert acknowledgement in sent_emails(local_run.data_dir / OUTBOX_FILE)
    assert local_run.interrupt() == 0, local_run.log.read_text()


def test_a_make_run_killed_outright_leaves_no_server_behind(local_run):
    # GIVEN `make run` serving
    local_run.start()

    # WHEN it is killed without a chance to clean up
    local_run.process.kill()
    local_run.process.wait(10)

    # THEN `chalice local` notices within a second or so and ends too, and the kernel frees the port
    deadline = time.monotonic() + 10
    while (processes_listening_on(local_run.port) or not port_is_free(local_run.port)) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.1)
    assert processes_listening_on(local_run.port) == []
    assert port_is_free(local_run.port)
