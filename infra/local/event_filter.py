"""Lambda's event filtering for the local pump: the FilterCriteria of the template's stream event sources,
applied to each record as Lambda applies them before it invokes the function (a record no filter admits
is never delivered). Only the pattern features the template uses are known: nested fields, string
values and `exists`; any other fails when the pump starts, never silently admits.

A record is admitted when any filter's pattern matches it; a pattern matches when every field it names
matches; a field matches when any of its conditions does. `{"exists": false}` matches a field that is not
in the record, as when its parent is missing too.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chalice.utils import to_cfn_resource_name

_ABSENT = object()


class FilterPatternError(ValueError):
    pass


@dataclass(frozen=True)
class EventFilter:
    patterns: tuple[Mapping[str, Any], ...]

    def admits(self, record: Mapping[str, Any]) -> bool:
        return any(_matches(pattern, record) for pattern in self.patterns)


def event_filter(criteria: Mapping[str, Any]) -> EventFilter:
    """The filter an event source's FilterCriteria (`{"Filters": [{"Pattern": "<JSON>"}, ...]}`) describes."""
    filters = criteria.get("Filters")
    if not isinstance(filters, list) or not filters:
        raise FilterPatternError(f"FilterCriteria needs a list of Filters, got {criteria!r}")
    patterns = []
    for item in filters:
        pattern = json.loads(item["Pattern"])
        _check(pattern, path="")
        patterns.append(pattern)
    return EventFilter(tuple(patterns))


def stream_filters(template: Mapping[str, Any]) -> dict[str, EventFilter]:
    """The function's logical ID -> the filter on its stream event source, for every function of the
    template whose stream source has FilterCriteria. FilterCriteria on any other source fails: the local
    pump would deliver what Lambda filters out."""
    filters = {}
    for logical_id, resource in template["Resources"].items():
        events = (resource.get("Properties") or {}).get("Events") or {}
        for event_name, event in events.items():
            properties = event.get("Properties") or {}
            if "FilterCriteria" not in properties:
                continue
            if "Stream" not in properties:
                raise FilterPatternError(
                    f"{logical_id}.{event_name}: the local pump filters only stream event sources"
                )
            filters[logical_id] = event_filter(properties["FilterCriteria"])
    return filters


def filter_for_handler(filters: Mapping[str, EventFilter], handler_name: str) -> EventFilter | None:
    """The filter of the function chalice makes for a handler (route_stored_changes: RouteStoredChanges)."""
    return filters.get(to_cfn_resource_name(handler_name))


def _check(pattern: Any, path: str) -> None:
    if not isinstance(pattern, dict) or not pattern:
        raise FilterPatternError(f"pattern {path or '(top)'}: must be a JSON object naming fields")
    for key, expected in pattern.items():
        where = f"{path}.{key}" if path else key
        if isinstance(expected, dict):
            _check(expected, where)
        elif not isinstance(expected, list) or not expected:
            raise FilterPatternError(f"pattern {where}: must be a list of conditions")
        else:
            for condition in expected:
                if not _known_condition(condition):
                    raise FilterPatternError(
                        f"pattern {where}: {json.dumps(condition)} is not a condition the local pump knows "
                        "(a string, or exists)"
                    )


def _known_condition(condition: Any) -> bool:
    if isinstance(condition, str):
        return True
    return (
        isinstance(condition, dict)
        and list(condition) == ["exists"]
        and isinstance(condition["exists"], bool)
    )


def _matches(pattern: Mapping[str, Any], value: Any) -> bool:
    fields = value if isinstance(value, Mapping) else {}
    for key, expected in pattern.items():
        field = fields.get(key, _ABSENT)
        if isinstance(expected, dict):
            if not _matches(expected, field):
                return False
        elif not any(_condition_holds(condition, field) for condition in expected):
            return False
    return True


def _condition_holds(condition: Any, field: Any) -> bool:
    if isinstance(condition, dict):
        return (field is not _ABSENT) is condition["exists"]
    return isinstance(field, str) and field == condition
