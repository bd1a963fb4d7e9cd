"""The lock files pin exactly the versions the requirements name, so `make run` and `make test` install what
was tested; and `make run` installs no development tool."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_in(path: Path) -> dict[str, str]:
    """Each `name==version` line of a requirements or lock file, `-r` files followed."""
    text = path.read_text()
    pins = {_name(name): version for name, version in _PIN.findall(text)}
    for included in re.findall(r"^-r\s+(\S+)", text, re.MULTILINE):
        pins = {**pins_in(path.parent / included), **pins}
    return pins


def test_each_lock_file_pins_every_version_its_requirements_name():
    for name in ("run", "dev"):
        required, locked = (
            pins_in(ROOT / f"requirements-{name}.txt"),
            pins_in(ROOT / f"requirements-{name}.lock"),
        )
        assert {package: locked.get(package) for package in required} == required


def test_every_locked_package_carries_its_hashes():
    for name in ("run", "dev"):
        lock = (ROOT / f"requirements-{name}.lock").read_text()
        pinned = re.findall(r"^\S+==.*$", lock, re.MULTILINE)
        assert pinned and len(pinned) == len(re.findall(r"^\S+==.*\\\n\s+--hash=sha256:", lock, re.MULTILINE))


def test_make_run_installs_no_development_tool():
    run, dev = pins_in(ROOT / "requirements-run.lock"), pins_in(ROOT / "requirements-dev.lock")
    tools = {"pytest", "mypy", "ruff", "playwright", "schemathesis"}

    assert tools <= set(dev)
    assert not tools & set(run)
