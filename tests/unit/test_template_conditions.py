"""The local stack resolves the template's conditions as CloudFormation does, and refuses what it cannot."""

import pytest

from infra.local.template import Resolver, TemplateError

TEMPLATE = {
    "Parameters": {"Mode": {"Type": "String", "Default": "quiet"}},
    "Conditions": {
        "Loud": {"Fn::Equals": [{"Ref": "Mode"}, "loud"]},
        "Quiet": {"Fn::Not": [{"Condition": "Loud"}]},
        "LoudInEast": {
            "Fn::And": [{"Condition": "Loud"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]
        },
        "LoudOrWest": {
            "Fn::Or": [{"Condition": "Loud"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-west-2"]}]
        },
        "Unknown": {"Fn::Contains": [["loud"], {"Ref": "Mode"}]},
    },
    "Resources": {},
}


def chosen(resolver: Resolver, condition: str) -> object:
    return resolver.resolve({"Setting": {"Fn::If": [condition, "yes", {"Ref": "AWS::NoValue"}]}})


def test_fn_if_takes_the_branch_its_condition_chooses_and_no_value_drops_the_property():
    default = Resolver(TEMPLATE, "us-east-1", parameters={})
    loud = Resolver(TEMPLATE, "us-east-1", parameters={"Mode": "loud"})

    assert chosen(default, "Loud") == {}
    assert chosen(default, "Quiet") == {"Setting": "yes"}
    assert chosen(loud, "Loud") == {"Setting": "yes"}
    assert chosen(loud, "Quiet") == {}


def test_conditions_combine_with_and_or_and_refer_to_one_another():
    loud_in_east = Resolver(TEMPLATE, "us-east-1", parameters={"Mode": "loud"})
    quiet_in_west = Resolver(TEMPLATE, "us-west-2", parameters={})
    quiet_in_east = Resolver(TEMPLATE, "us-east-1", parameters={})

    assert loud_in_east.condition("LoudInEast") and loud_in_east.condition("LoudOrWest")
    assert not quiet_in_west.condition("LoudInEast") and quiet_in_west.condition("LoudOrWest")
    assert not quiet_in_east.condition("LoudOrWest")


def test_a_condition_the_local_stack_cannot_evaluate_fails_loudly():
    resolver = Resolver(TEMPLATE, "us-east-1", parameters={})

    with pytest.raises(TemplateError, match="Fn::Contains"):
        chosen(resolver, "Unknown")
    with pytest.raises(TemplateError, match="Missing"):
        chosen(resolver, "Missing")
