"""Reads the CloudFormation template and resolves its intrinsic functions against what exists locally."""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TEMPLATE_PATH = Path(__file__).resolve().parents[1] / "template.yml"
ACCOUNT_ID = "123456789012"
NO_VALUE = object()
# The stack name the docs deploy under, so local names (queues, user pool) are the cloud's.
LOCAL_STACK_NAME = "public-review"
# The parameters a deploy must give (they have no Default), as the local stack gives them; moto's SES
# verifies an identity at once, so the sender is verified from the start.
LOCAL_PARAMETERS = {
    "SenderEmail": "no-reply@example.org",
    "AlarmEmail": "ops@example.org",
    "SenderVerified": "true",
}


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Resource:
    logical_id: str
    type: str
    properties: dict[str, Any]
    depends_on: tuple[str, ...] = ()


@dataclass
class Outputs:
    """What `Ref` and `Fn::GetAtt` give for one created resource."""

    ref: str
    attributes: dict[str, str] = field(default_factory=dict)


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("Resources"), dict):
        raise TemplateError(f"{path} has no Resources section")
    return document


def resources_of(template: Mapping[str, Any], types: Iterable[str]) -> list[Resource]:
    wanted = set(types)
    found = []
    for logical_id, body in template["Resources"].items():
        if body.get("Type") in wanted:
            depends = body.get("DependsOn", [])
            found.append(
                Resource(
                    logical_id=logical_id,
                    type=body["Type"],
                    properties=dict(body.get("Properties") or {}),
                    depends_on=tuple([depends] if isinstance(depends, str) else depends),
                )
            )
    return in_dependency_order(found)


def in_dependency_order(resources: list[Resource]) -> list[Resource]:
    by_id = {resource.logical_id: resource for resource in resources}
    ordered: list[Resource] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(resource: Resource) -> None:
        if resource.logical_id in done:
            return
        if resource.logical_id in visiting:
            raise TemplateError(f"circular reference through {resource.logical_id}")
        visiting.add(resource.logical_id)
        for needed in sorted(set(resource.depends_on) | references(resource.properties)):
            if needed in by_id:
                visit(by_id[needed])
        visiting.discard(resource.logical_id)
        done.add(resource.logical_id)
        ordered.append(resource)

    for resource in resources:
        visit(resource)
    return ordered


def references(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        if "Ref" in value:
            found.add(str(value["Ref"]))
        if "Fn::GetAtt" in value:
            found.add(_get_att_parts(value["Fn::GetAtt"])[0])
        if "Fn::Sub" in value:
            text = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
            found.update(name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text))
        for item in value.values():
            found |= references(item)
    elif isinstance(value, list):
        for item in value:
            found |= references(item)
    return found


def _get_att_parts(value: Any) -> tuple[str, str]:
    parts = value.split(".", 1) if isinstance(value, str) else value
    if len(parts) != 2:
        raise TemplateError(f"Fn::GetAtt needs a resource and an attribute, got {value!r}")
    return str(parts[0]), str(parts[1])


class Resolver:
    """Resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join and Fn::If (on conditions made of Fn::Equals, Fn::Not,
    Fn::And, Fn::Or and Condition); parameters resolve to their Default, or to the local stack's value
    (LOCAL_PARAMETERS unless others are given)."""

    def __init__(
        self, template: Mapping[str, Any], region: str, parameters: Mapping[str, str] = LOCAL_PARAMETERS
    ) -> None:
        self._outputs: dict[str, Outputs] = {}
        self._conditions: Mapping[str, Any] = template.get("Conditions") or {}
        self._pseudo = {
            "AWS::Region": region,
            "AWS::AccountId": ACCOUNT_ID,
            "AWS::Partition": "aws",
            "AWS::StackName": LOCAL_STACK_NAME,
            "AWS::URLSuffix": "amazonaws.com",
        }
        for name, parameter in (template.get("Parameters") or {}).items():
            if "Default" in parameter:
                self._pseudo[name] = str(parameter["Default"])
        self._pseudo.update(parameters)

    def created(self, logical_id: str, outputs: Outputs) -> None:
        self._outputs[logical_id] = outputs

    def outputs(self, logical_id: str) -> Outputs:
        return self._outputs[logical_id]

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [item for item in map(self.resolve, value) if item is not NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, argument), *_ = value.items()
            handler = self._intrinsics().get(key)
            if handler is not None:
                return handler(argument)
        resolved = {key: self.resolve(item) for key, item in value.items()}
        return {key: item for key, item in resolved.items() if item is not NO_VALUE}

    def _intrinsics(self) -> dict[str, Callable[[Any], Any]]:
        return {
            "Ref": self._ref,
            "Fn::GetAtt": lambda argument: self._get_att(*_get_att_parts(argument)),
            "Fn::Sub": self._sub,
            "Fn::Join": lambda argument: str(argument[0]).join(
                str(self.resolve(part)) for part in argument[1]
            ),
            "Fn::If": self._if,
        }

    def _if(self, argument: Any) -> Any:
        condition, when_true, when_false = argument
        return self.resolve(when_true if self.condition(condition) else when_false)

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            raise TemplateError(f"Condition {name}: not in the template's Conditions")
        return self._evaluate(self._conditions[name])

    def _evaluate(self, expression: Any) -> bool:
        if not isinstance(expression, dict) or len(expression) != 1:
            raise TemplateError(f"a condition must be one condition function, got {expression!r}")
        (function, argument), *_ = expression.items()
        if function == "Fn::Equals":
            first, second = (str(self.resolve(value)) for value in argument)
            return first == second
        if function == "Fn::Not":
            return not self._evaluate(argument[0])
        if function == "Fn::And":
            return all(self._evaluate(item) for item in argument)
        if function == "Fn::Or":
            return any(self._evaluate(item) for item in argument)
        if function == "Condition":
            return self.condition(argument)
        raise TemplateError(f"{function}: not a condition function the local stack knows")

    def _ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self._pseudo:
            return self._pseudo[name]
        if name in self._outputs:
            return self._outputs[name].ref
        raise TemplateError(f"Ref {name}: not a parameter nor a resource the local stack creates")

    def _get_att(self, name: str, attribute: str) -> str:
        if name not in self._outputs:
            raise TemplateError(f"Fn::GetAtt {name}.{attribute}: not a resource the local stack creates")
        attributes = self._outputs[name].attributes
        if attribute not in attributes:
            raise TemplateError(
                f"Fn::GetAtt {name}.{attribute}: the local stack knows only {sorted(attributes)}"
            )
        return attributes[attribute]

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name:
                return self._get_att(*_get_att_parts(name))
            return str(self._ref(name))

        return re.sub(r"\$\{([^}!]+)\}", replace, str(text))
