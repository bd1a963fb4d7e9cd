"""How a field problem reads: in the request's own words, never in Python's."""

from enum import StrEnum
from typing import Literal

import pytest
from pydantic import BaseModel, ValidationError

from chalicelib.api.errors import validation_problems


class Light(StrEnum):
    RED = "red"
    GREEN = "green"


class Crossing(BaseModel):
    light: Literal[Light.RED, Light.GREEN]


def test_a_choice_among_enum_members_is_named_by_their_values():
    with pytest.raises(ValidationError) as refused:
        Crossing.model_validate({"light": "blue"})

    [problem] = validation_problems(refused.value)

    assert problem.field == "light"
    assert problem.problem == "Input should be 'red' or 'green'"
