"""What every route that takes a body accepts as JSON, decided once: UTF-8 text holding one object, nested
at most MAX_NESTING levels, with numbers of at most MAX_NUMBER_CHARACTERS characters and no key given
twice. Anything else is refused with a message about the body, never the parser's own words."""

import json
import re
from typing import Any, NoReturn

from chalicelib.domain.errors import FieldProblem, MalformedRequestError

MAX_NESTING = 32
MAX_NUMBER_CHARACTERS = 32
_KEY_SHOWN = 64

# A string runs to its closing quote, or to the end of a truncated body, so each is scanned once.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


class _RefusedError(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def read_object(raw_body: str | bytes | None) -> dict[str, Any]:
    text = _text_of(raw_body or b"")
    if _nesting(text) > MAX_NESTING:
        _refuse(f"must not nest deeper than {MAX_NESTING} levels")
    try:
        document = json.loads(
            text,
            object_pairs_hook=_without_repeated_keys,
            parse_int=_bounded(int),
            parse_float=_bounded(float),
            parse_constant=_no_constant,
        )
    except _RefusedError as refused:
        _refuse(refused.problem)
    except json.JSONDecodeError:
        _refuse("is not valid JSON")
    if not isinstance(document, dict):
        raise MalformedRequestError(
            "The request body must be a JSON object.", [FieldProblem("body", "must be a JSON object")]
        )
    return document


def _text_of(raw_body: str | bytes) -> str:
    if isinstance(raw_body, str):
        return raw_body
    try:
        return raw_body.decode("utf-8")
    except UnicodeDecodeError:
        _refuse("is not UTF-8 text")


def _nesting(text: str) -> int:
    depth = deepest = 0
    for token in _STRING_OR_BRACKET.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif mark in ("]", "}"):
            depth -= 1
    return deepest


def _without_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _RefusedError(f"gives the key {json.dumps(key[:_KEY_SHOWN])} more than once")
        document[key] = value
    return document


def _bounded(parse: type[int] | type[float]) -> Any:
    def parse_number(token: str) -> int | float:
        if len(token) > MAX_NUMBER_CHARACTERS:
            raise _RefusedError(f"has a number longer than {MAX_NUMBER_CHARACTERS} characters")
        return parse(token)

    return parse_number


def _no_constant(token: str) -> NoReturn:
    raise _RefusedError(f"is not valid JSON ({token} is not a JSON number)")


def _refuse(problem: str) -> NoReturn:
    raise MalformedRequestError(f"The request body {problem}.", [FieldProblem("body", problem)])
