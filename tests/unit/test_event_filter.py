"""The local pump filters the table's stream with the template's own FilterCriteria, admitting the records
Lambda would deliver to the router and no others."""

import json
from typing import Any

import pytest

from infra.local.event_filter import (
    EventFilter,
    FilterPatternError,
    event_filter,
    filter_for_handler,
    stream_filters,
)
from infra.local.template import load_template

TTL_SWEEPER = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}


@pytest.fixture(scope="module")
def router_filter() -> EventFilter:
    found = filter_for_handler(stream_filters(load_template()), "route_stored_changes")
    assert found is not None
    return found


def record(
    event_name: str,
    new: dict[str, Any] | None = None,
    old: dict[str, Any] | None = None,
    user_identity: dict[str, str] | None = None,
) -> dict[str, Any]:
    change: dict[str, Any] = {"Keys": {"PK": {"S": "X#1"}, "SK": {"S": "X"}}, "SequenceNumber": "1"}
    if new is not None:
        change["NewImage"] = new
    if old is not None:
        change["OldImage"] = old
    shaped: dict[str, Any] = {"eventName": event_name, "eventSource": "aws:dynamodb", "dynamodb": change}
    if user_identity is not None:
        shaped["userIdentity"] = user_identity
    return shaped


def item(entity: str | None) -> dict[str, Any]:
    stored: dict[str, Any] = {"PK": {"S": "X#1"}, "SK": {"S": "X"}}
    if entity is not None:
        stored["entity"] = {"S": entity}
    return stored


@pytest.mark.parametrize(
    "delivered",
    [
        record("INSERT", new=item("feedback")),
        record("MODIFY", new=item("recommendation"), old=item("recommendation")),
        record("REMOVE", old=item("recommendation_link")),
        record("INSERT", new=item("registration")),
        record("MODIFY", new=item("certificate"), old=item(None)),
    ],
    ids=["new feedback", "changed recommendation", "unlinked feedback", "registration", "certificate issued"],
)
def test_the_router_gets_changes_to_what_it_decodes(router_filter, delivered):
    assert router_filter.admits(delivered)


@pytest.mark.parametrize(
    "filtered_out",
    [
        record("INSERT", new=item(None)),
        record("MODIFY", new=item(None), old=item(None)),
        record("INSERT", new=item("session")),
        record("REMOVE", old=item("session"), user_identity=TTL_SWEEPER),
        record("REMOVE", old=item("registration"), user_identity=TTL_SWEEPER),
        record("INSERT", new={"PK": {"S": "X#1"}, "entity": {"N": "1"}}),
    ],
    ids=[
        "idempotency record stored",
        "idempotency record completed",
        "session",
        "session expired by TTL",
        "a routed entity expired by TTL",
        "entity of another type",
    ],
)
def test_the_router_never_gets_idempotency_records_sessions_or_ttl_deletions(router_filter, filtered_out):
    assert not router_filter.admits(filtered_out)


def test_only_the_router_has_a_filter_and_a_handler_the_template_does_not_name_has_none():
    filters = stream_filters(load_template())

    assert list(filters) == ["RouteStoredChanges"]
    assert filter_for_handler(filters, "route") is None


def test_exists_true_needs_the_field_and_exists_false_its_absence():
    needs_identity = event_filter(
        {"Filters": [{"Pattern": '{"userIdentity": {"type": [{"exists": true}]}}'}]}
    )

    assert needs_identity.admits({"userIdentity": TTL_SWEEPER})
    assert not needs_identity.admits({"userIdentity": {}})
    assert not needs_identity.admits({})


@pytest.mark.parametrize(
    "pattern",
    [
        {"eventName": [{"prefix": "INS"}]},
        {"dynamodb": {"NewImage": {"count": {"N": [{"numeric": [">", 0]}]}}}},
        {"eventName": [{"anything-but": ["REMOVE"]}]},
        {"eventName": "INSERT"},
        {"eventName": []},
        {"eventName": [1]},
        {},
    ],
    ids=["prefix", "numeric", "anything-but", "a bare value", "no condition", "a number", "empty"],
)
def test_a_pattern_feature_the_pump_does_not_apply_fails_when_it_is_read(pattern):
    with pytest.raises(FilterPatternError):
        event_filter({"Filters": [{"Pattern": json.dumps(pattern)}]})


def test_filter_criteria_on_a_queue_source_fails_rather_than_being_ignored():
    template = {
        "Resources": {
            "ScreenFeedback": {
                "Properties": {
                    "Events": {
                        "ScreenFeedbackSqsEventSource": {
                            "Properties": {
                                "Queue": "arn:aws:sqs:us-east-1:123456789012:public-review-screening",
                                "FilterCriteria": {"Filters": [{"Pattern": '{"body": ["x"]}'}]},
                            }
                        }
                    }
                }
            }
        }
    }

    with pytest.raises(FilterPatternError, match="ScreenFeedbackSqsEventSource"):
        stream_filters(template)
