"""Street addresses: a house number and a street (with or without a suffix word), units, rural routes,
county roads with their number, and post office boxes; with the city, state and ZIP that follow."""

import re
from collections.abc import Iterator

from chalicelib.domain.pii.findings import PiiFinding, PiiKind, matches


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STREET_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Circle|Cir"
    "|Highway|Hwy|Parkway|Pkwy|Terrace|Ter|Trail|Trl|Square|Sq|Plaza|Loop|Pike|Crossing|Xing|Route|Rte|CR"
)
_ROADS_WITH_A_NUMBER = _words("road rd highway hwy route rte cr")
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?"
_UNIT = (
    r"(?:\.?,?\s*(?:(?i:apt|apartment|unit|suite|ste|lot|trlr|trailer|bldg|apto|departamento|depto)\b\.?\s*#?|#)"
    r"\s*(?:[0-9][0-9A-Za-z-]*|[A-Za-z]\b))"
)
_STATES = r"(?:MO|Mo\.|Missouri|KS|Kansas|IL|Illinois|AR|Arkansas|IA|Iowa|NE|OK|TN|KY)"
_PLACE = (
    rf"(?:,?\s+(?:[A-Z][a-z]+\.?\s+){{0,2}}?[A-Z][a-z]+,?\s+{_STATES}\b\.?(?:\s+[0-9]{{5}}(?:-[0-9]{{4}})?)?"
    r"|,?\s+[0-9]{5}(?:-[0-9]{4})?(?![\w-]))"
)
_ROAD_NUMBER = r"(?:\s+(?!(?:N|S|E|W|NE|NW|SE|SW)\b)(?:[0-9]{1,4}[A-Z]?|[A-Z]{1,2})(?![\w-]))"
_STREET_ADDRESS = re.compile(
    r"(?<![\w.,/$-])[0-9]{1,6}[A-Za-z]?(?:-[0-9]{1,4})?\s+"
    r"(?P<words>(?:(?:[0-9]{1,3}(?i:st|nd|rd|th)|[A-Za-z][A-Za-z'.-]*)\s+){1,4}?)"
    rf"(?P<suffix>(?i:{_STREET_SUFFIXES}))\b(?P<number>{_ROAD_NUMBER})?"
    rf"(?:\.?\s+{_DIRECTION}(?![\w]))?{_UNIT}?{_PLACE}?"
)
_STREET_WITHOUT_SUFFIX = re.compile(
    rf"(?<![\w.,/$-])(?<!(?i:box) )[0-9]{{1,6}}[A-Za-z]?\s+(?P<direction>{_DIRECTION}\s+)?"
    r"(?P<words>(?:[A-Z][A-Za-z'-]+\s*){1,3}?)"
    rf"(?:{_UNIT}{_PLACE}?|{_PLACE}|(?P<town>,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s*(?:[-,.;!?]|$)))"
)
_NUMBERED_ROAD = re.compile(
    r"(?<![\w.,/$-])[0-9]{1,6}\s+(?i:hwy|highway|route|rte|rt|state\s+(?:road|highway|hwy|route)|county\s+(?:road|rd)"
    rf"|cr|us|farm\s+road)\.?{_ROAD_NUMBER}(?:\s+{_DIRECTION}(?![\w]))?(?:,?\s*(?i:box)\s*#?\s*[0-9]{{1,6}})?"
    rf"{_UNIT}?{_PLACE}?"
)
_RURAL = re.compile(
    r"(?<![\w.])(?:[0-9]{1,6}\s+)?(?:(?i:rural\s+route|r\.?\s?r\.?|hc|highway\s+contract)\s*#?\s*[0-9]{1,4}"
    r"(?:,?\s*(?i:box)\s*#?\s*[0-9]{1,6}[A-Za-z]?)?"
    r"|(?i:route|rt\.?)\s*[0-9]{1,4},?\s*(?i:box)\s*#?\s*[0-9]{1,6}[A-Za-z]?)(?![0-9])"
    rf"{_PLACE}?"
)
_PO_BOX = re.compile(
    r"(?<![\w.])(?i:p\.?\s?o\.?\s*box|post\s+office\s+box|apartado(?:\s+postal)?|casilla(?:\s+postal)?)"
    rf"\s*#?\s*[0-9]{{1,6}}(?![0-9]){_PLACE}?"
)

_SUFFIXES_THAT_ARE_ALSO_VERBS_OR_TITLES = _words(
    "drive dr court ct way place pl circle cir trail terrace square loop route cr"
)
_NOT_STREET_WORDS = _words(
    """a an the and or but nor of on in at to for from by with without about into onto over under off down up
    past near along across around through per than then this that these those my our your his her their its
    we i you he she they it me us them is are was were be been am has have had do does did will would can
    could should may might must not no so as if every each all some any more most less few many other who
    which what when where why how please also just only very too grade grades times days weeks months
    years hours minutes percent students kids children parents teachers schools classes buses miles"""
)


def street_addresses(text: str) -> Iterator[PiiFinding]:
    yield from matches(PiiKind.STREET_ADDRESS, _PO_BOX.finditer(text))
    yield from matches(PiiKind.STREET_ADDRESS, _RURAL.finditer(text))
    yield from matches(PiiKind.STREET_ADDRESS, _NUMBERED_ROAD.finditer(text))
    for number in re.finditer(r"(?<![\w.,/$-])[0-9]", text):
        match = _STREET_ADDRESS.match(text, number.start())
        if match and _names_a_street(match["words"].split(), match["suffix"]):
            yield PiiFinding(PiiKind.STREET_ADDRESS, match.start(), _end_without_road_number(match))
            continue
        bare = _STREET_WITHOUT_SUFFIX.match(text, number.start())
        if (
            bare
            and _names_a_street(bare["words"].split(), "Street")
            and (bare["direction"] or not bare["town"])
        ):
            yield PiiFinding(PiiKind.STREET_ADDRESS, bare.start(), bare.end())


def _end_without_road_number(match: re.Match[str]) -> int:
    if not match["number"] or match["suffix"].lower() in _ROADS_WITH_A_NUMBER:
        return match.end()
    return match.end("suffix")


def _names_a_street(words: list[str], suffix: str) -> bool:
    if any(word.lower().strip(".'") in _NOT_STREET_WORDS for word in words):
        return False
    return suffix[0].isupper() or suffix.lower() not in _SUFFIXES_THAT_ARE_ALSO_VERBS_OR_TITLES
