"""Which language a page is shown in: the visitor's explicit choice first, then their browser's."""

from collections.abc import Mapping

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"
LANGUAGE_PARAMETER = "lang"


def chosen_language(query: Mapping[str, str], cookies: Mapping[str, str], accept_language: str | None) -> str:
    for explicit in (query.get(LANGUAGE_PARAMETER), cookies.get(LANGUAGE_COOKIE)):
        if explicit in LANGUAGES:
            return str(explicit)
    return preferred_language(accept_language or "")


def preferred_language(accept_language: str) -> str:
    """The supported language the Accept-Language header ranks highest (q-values honoured)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, parameters = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        weight = _quality(parameters)
        if weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def _quality(parameters: str) -> float:
    name, _, value = parameters.strip().partition("=")
    if name.strip() != "q":
        return 1.0
    try:
        return max(0.0, min(1.0, float(value)))
    except ValueError:
        return 0.0
