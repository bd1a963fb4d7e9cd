"""CI runs the whole gate the README promises: every part of `make check` (ruff, mypy, the tests), the
tests through the README's own test command, `make test`; and the README names what CI runs."""

import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / ".ci" / "run"


def prerequisites_of(target: str) -> list[str]:
    for line in (ROOT / "Makefile").read_text().splitlines():
        if line.startswith(f"{target}:"):
            return line.split(":", 1)[1].split()
    raise AssertionError(f"the Makefile has no {target!r} target")


def make_commands_in(script: Path) -> list[list[str]]:
    """The targets of each `make` line, without options, variables or redirections."""
    commands = []
    for line in script.read_text().splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["make"]:
            commands.append([word for word in words[1:] if word[0] not in "-<>" and "=" not in word])
    return commands


def test_make_check_is_ruff_mypy_and_the_tests():
    assert prerequisites_of("check") == ["lint", "types", "test"]


def test_ci_runs_every_part_of_make_check_and_the_readmes_test_command():
    run_by_ci = [target for command in make_commands_in(CI) for target in command]

    assert ["test"] in make_commands_in(CI)
    assert set(prerequisites_of("check")) <= set(run_by_ci)


def test_the_readme_names_each_command_ci_runs():
    readme = (ROOT / "README.md").read_text()

    for command in make_commands_in(CI):
        assert f"`make {' '.join(command)}`" in readme
