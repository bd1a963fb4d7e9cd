"""The layers hold: the domain imports no other layer and nothing of AWS, services reach storage and queues
only through what they are given, adapters serve services without importing them, and no module imports
itself back through others. Read from the source, imports inside functions included."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "chalicelib"
AWS = ("boto3", "botocore", "aws_lambda_powertools", "chalice", "mypy_boto3")
ENTRY_POINTS = ("chalicelib.api", "chalicelib.events", "chalicelib.web")
COMPOSITION = ("chalicelib.dependencies", "chalicelib.settings", "chalicelib.observability")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_by(module: str, *, at_import_only: bool = False) -> set[str]:
    tree = ast.parse(MODULES[module].read_text())
    nodes = tree.body if at_import_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from chalicelib import dependencies` imports chalicelib.dependencies
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def forbidden_imports(layer: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for module in MODULES:
        if module == layer or module.startswith(f"{layer}."):
            wrong = sorted(
                name
                for name in imported_by(module)
                if any(name == prefix or name.startswith(f"{prefix}.") for prefix in forbidden)
            )
            if wrong:
                found[module] = wrong
    return found


def test_the_scanner_sees_imports_made_inside_functions():
    assert "chalicelib.events.screening" in imported_by("chalicelib.events.handlers")
    assert "chalicelib.events.screening" not in imported_by("chalicelib.events.handlers", at_import_only=True)


def test_the_domain_imports_no_other_layer_and_nothing_of_aws():
    other_layers = ("chalicelib.services", "chalicelib.adapters", *ENTRY_POINTS, *COMPOSITION)

    assert forbidden_imports("chalicelib.domain", (*other_layers, *AWS)) == {}


def test_services_import_no_adapter_no_entry_point_and_nothing_of_aws():
    assert (
        forbidden_imports("chalicelib.services", ("chalicelib.adapters", *ENTRY_POINTS, *COMPOSITION, *AWS))
        == {}
    )


def test_adapters_import_no_service_and_no_entry_point():
    assert (
        forbidden_imports("chalicelib.adapters", ("chalicelib.services", *ENTRY_POINTS, *COMPOSITION)) == {}
    )


@pytest.mark.parametrize("layer", ["chalicelib.domain", "chalicelib.services", "chalicelib.adapters"])
def test_each_layer_has_modules_to_check(layer):
    assert any(module.startswith(f"{layer}.") for module in MODULES)


def test_no_module_imports_itself_back_through_others():
    graph = {
        module: {
            name for name in imported_by(module, at_import_only=True) if name in MODULES and name != module
        }
        for module in MODULES
    }

    cycles = [cycle_from(module, graph) for module in graph]

    assert [cycle for cycle in cycles if cycle] == []


def cycle_from(start: str, graph: dict[str, set[str]]) -> list[str]:
    """A path of imports that leads from `start` back to it, if there is one."""
    seen: set[str] = set()
    paths = [[start]]
    while paths:
        path = paths.pop()
        for name in sorted(graph[path[-1]]):
            if name == start:
                return [*path, start]
            if name not in seen:
                seen.add(name)
                paths.append([*path, name])
    return []
