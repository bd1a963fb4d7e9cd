"""The real app packaged with a template that lacks its event handlers' entries: the checks the packaged
template passes catch every handler the template does not cover."""

from typing import Any

import pytest
import yaml

from infra.package import FRAGMENT, package
from tests.infra.conftest import (
    PackageRun,
    batch_sources_without_batch_item_failures,
    event_handler_functions,
    event_sources,
    functions_whose_role_grants_nothing,
    load,
    of_type,
    stream_sources_not_on_a_table_stream,
)

pytestmark = pytest.mark.packaging


def handler_entries(fragment: dict[str, Any]) -> set[str]:
    """The fragment's event handler functions (those with events) and the roles chalice gives them
    (`<Function>Role`); the fragment's other functions (the API's, the token check) stay."""
    functions = {
        name
        for name, body in of_type(fragment["Resources"], "AWS::Serverless::Function").items()
        if "Events" in body["Properties"]
    }
    return functions | {f"{function}Role" for function in functions}


@pytest.fixture(scope="module")
def fragment() -> dict[str, Any]:
    return load(FRAGMENT)


@pytest.fixture(scope="module")
def uncovered(
    tmp_path_factory: pytest.TempPathFactory, package_run: PackageRun, fragment: dict[str, Any]
) -> dict[str, Any]:
    """Packaged after package_run, so it reuses the dependency layer that run cached."""
    work = tmp_path_factory.mktemp("without-handler-entries")
    stripped = {
        **fragment,
        "Resources": {
            name: body
            for name, body in fragment["Resources"].items()
            if name not in handler_entries(fragment)
        },
    }
    merge = work / "template.yml"
    merge.write_text(yaml.safe_dump(stripped, sort_keys=False), encoding="utf-8")
    return load(package(work / "out", fragment=merge))["Resources"]


def test_every_event_handler_of_the_app_has_an_entry_in_the_template(resources, fragment):
    handlers = event_handler_functions(resources)

    assert handlers == ["RouteStoredChanges", "ScreenFeedback", "SendNotifications"]
    assert set(handlers) <= set(of_type(fragment["Resources"], "AWS::Serverless::Function"))
    assert {f"{handler}Role" for handler in handlers} <= set(of_type(fragment["Resources"], "AWS::IAM::Role"))


def test_a_handler_the_template_does_not_cover_is_caught(uncovered):
    # GIVEN the app's handlers packaged without their entries in the template
    handlers = event_handler_functions(uncovered)
    assert handlers

    # THEN each one fails the checks the packaged template passes
    assert batch_sources_without_batch_item_failures(uncovered) == sorted(
        event_sources(uncovered, "SQS", "DynamoDB")
    )
    assert functions_whose_role_grants_nothing(uncovered) == handlers
    assert stream_sources_not_on_a_table_stream(uncovered) == sorted(event_sources(uncovered, "DynamoDB"))
    assert event_sources(uncovered, "DynamoDB")
