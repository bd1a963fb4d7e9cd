"""People's names. A name the text says is a person's ("my son Tyler", "Mr. Hall", "mi hija Sofía") is
masked; officials named in their role and other capitalised words a list of first names knows are only
flagged, for a moderator to decide."""

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from chalicelib.domain.pii.findings import PiiFinding, PiiKind, without_overlaps


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UPPER = "A-ZÁÉÍÓÚÑÜ"
_LOWER = "a-záéíóúñüç"
_APOSTROPHE_OR_HYPHEN = "['\u2019-]"
_CAPITALISED = (
    rf"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:{_APOSTROPHE_OR_HYPHEN}[{_UPPER}]?[{_LOWER}]+)*"
    rf"|[{_UPPER}]{_APOSTROPHE_OR_HYPHEN}[{_UPPER}][{_LOWER}]+|[{_UPPER}]\."
)
_ANY_WORD = rf"[{_UPPER}{_LOWER}]+(?:{_APOSTROPHE_OR_HYPHEN}[{_UPPER}{_LOWER}]+)*"
_PARTICLE = r"(?:de\s+la|de\s+los|del|de|van|von|da|di|la|le|st\.)"
_NAME = re.compile(rf"(?:{_CAPITALISED})(?:\s+(?:{_PARTICLE}\s+)?(?:{_CAPITALISED})){{0,3}}")
_LOWER_WORD = re.compile(rf"{_ANY_WORD}")
_AND_ANOTHER = re.compile(r"\s*(?:,\s*(?:and\s+|y\s+|&\s+)?|\s+(?:and|y|e|&)\s+)")

_RELATIVE = (
    r"son|sons|daughter|daughters|child|children|kid|kids|boy|girl|twins|grandson|granddaughter|grandchild"
    r"|grandkids|stepson|stepdaughter|nephew|niece|student|students|husband|wife|grader|kindergartner"
    r"|kindergartener|toddler|baby|sister|brother|cousin|friend|classmate"
)
_PARIENTE = (
    r"hij[oa]s?|niñ[oa]s?|nin[oa]s?|niet[oa]s?|sobrin[oa]s?|espos[oa]|herman[oa]s?|prim[oa]s?|bebé|bebe"
    r"|estudiante|alumn[oa]|chamac[oa]|muchach[oa]|amig[oa]|compañer[oa]"
)
_SCHOOL_ROLE = (
    r"teacher|teachers|student|classmate|tutor|aide|para|paraprofessional|counselor|coach|bus\s+driver"
    r"|nurse|librarian|maestr[oa]|profesor[a]?|profe|consejer[oa]|entrenador[a]?|chofer|enfermer[oa]"
)
_TITLE = r"(?:Mr|Mrs|Ms|Mx|Miss|Dr|Sr|Sra|Srta|Prof|Coach|Sister|Señor|Señora|Señorita|señor|señora|señorita)"
_CUE = re.compile(
    r"(?:"
    rf"(?i:\b(?:my|our|mis?|nuestr[oa]s?)\s+(?:[\w'-]+\s+){{0,3}}?(?:{_RELATIVE}|{_PARIENTE}))"
    rf"|(?i:\b(?:{_SCHOOL_ROLE}))"
    r"|(?i:\b(?:(?:mother|father|mom|mommy|dad|daddy|parent|guardian|grandmother|grandfather|grandma|grandpa)"
    r"\s+of|(?:madre|padre|mam[aá]|pap[aá]|abuel[oa]|tutor[a]?)\s+de))"
    r"|(?i:\b(?:my\s+name\s+is|i\s+am|i'm|me\s+llamo|se\s+llama|mi\s+nombre\s+es|(?:his|her|their)\s+name\s+is))"
    r"|(?:^|(?<=[;,.(]\s)|(?<=[;,.(]))(?i:name|nombre)(?=\s*[:-]?\s+[A-Z])"
    r")"
    r"(?:\s*[,(:]\s*|\s+|(?=['\u2019]))(?i:(?:whose\s+name\s+is|who\s+is|is\s+named|named|called|'s\s+name\s+is|name\s+is"
    r"|se\s+llama|que\s+se\s+llama|llamad[oa]|de\s+nombre|is|es)\s+)?"
)
_OFFICIAL_ROLE = re.compile(
    r"(?i:\b(?:superintendent|superintendente|assistant\s+superintendent|board\s+(?:member|president|chair)"
    r"|school\s+board|commissioner|comisionad[oa]|senator|senador[a]?|representative|rep\.|governor"
    r"|gobernador[a]?|mayor|alcalde(?:sa)?|council(?:wo)?man|council\s+member|miembro\s+de\s+la\s+junta"
    r"|presidente?\s+de\s+la\s+junta|principal|secretary|chairman|chairwoman))"
)
_TITLE_CUE = re.compile(rf"(?<![\w.])(?i:{_TITLE})\.?[ \t]+")
_PARENT_OF = re.compile(
    rf"(?<![\w])(?P<name>{_CAPITALISED})['\u2019]s\s+(?i:mom|mommy|mother|dad|daddy|father|parent|parents"
    r"|grandma|grandpa|grandmother|grandfather|guardian|aunt|uncle|stepmom|stepdad)\b"
)
_NAMING = re.compile(r"(?i:llam[oa]|name|nombre|i\s+am|i'm)")
_LOWER_CASE_TITLE = re.compile(r"(?:mr|mrs|ms|dr|sra?|srta)\.[ \t]+")
_NOT_NAMES = _words(
    """i a an the and or but in on at to of for from by with is are was were be has have had he she it we
    they his her their our my your this that these those there here when what who why how if so no not yes
    all any every some each one two three first last next new old please thank thanks dear hi hello
    el la los las un una y o en de del con por para que es su sus mi mis yo ella él nosotros
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december school district board grade english spanish math
    mr mrs ms mx miss dr sr sra srta prof coach
    va fue está esta tiene estudia quiere necesita ya también tambien pero porque
    goes went has had gets got loves likes hates wants needs was is does did can will just also"""
)
_INSTITUTION_AFTER = re.compile(
    r"^\s*(?:[A-Z][a-z]+\.?\s+){0,3}?(?:Elementary|Middle|High|School|Schools|Academy|Intermediate|Primary"
    r"|County|University|College|City|Street|St\b|Avenue|Ave\b|Road|Library|Center|Stadium"
    r"|Building|Foundation|Act\b|Award|Scholarship|Program|Day\b|(?i:day)\b)"
)
_INSTITUTION_BEFORE = re.compile(r"(?i:\b(?:escuela|school|colegio|academia|primaria|secundaria)\s+$)")
_ROLE_AFTER_A_COMMA = re.compile(rf"\s*,\s*(?:(?:the|our|el|la|nuestr[oa])\s+)?{_OFFICIAL_ROLE.pattern}")
_WORD_START = re.compile(rf"(?<![{_UPPER}{_LOWER}'\u2019-])[{_UPPER}]")
_REACH = 40


def cued_names(text: str) -> Iterator[PiiFinding]:
    """Names the text says are a person's, except officials named in their role."""
    for parent_of in _PARENT_OF.finditer(text):
        if parent_of["name"].lower() not in _NOT_NAMES:
            yield PiiFinding(PiiKind.PERSON_NAME, parent_of.start("name"), parent_of.end("name"))
    for finding, cue_start in _after_cues(text):
        if not _in_official_role(text, cue_start, finding):
            yield finding


def likely_names(text: str, masked_elsewhere: list[PiiFinding]) -> list[PiiFinding]:
    """Names a moderator should look at that screening does not mask: officials in their role, and
    capitalised words that are common first names."""
    flagged = [
        finding for finding, cue_start in _after_cues(text) if _in_official_role(text, cue_start, finding)
    ]
    flagged += _after_official_roles(text)
    for word in _WORD_START.finditer(text):
        match = _NAME.match(text, word.start())
        if match and match[0].split()[0] in _first_names() and not _names_a_place(text, match):
            flagged.append(_trimmed(text, match.start(), match.end()))
    kept = without_overlaps([*masked_elsewhere, *flagged])
    return [finding for finding in kept if finding not in masked_elsewhere]


def _after_cues(text: str) -> Iterator[tuple[PiiFinding, int]]:
    for cue in sorted([*_CUE.finditer(text), *_TITLE_CUE.finditer(text)], key=lambda cue: cue.start()):
        position = cue.end()
        typed_in_lower_case = bool(_LOWER_CASE_TITLE.fullmatch(cue[0]))
        while (name := _name_at(text, position, any_case=typed_in_lower_case)) is not None:
            if _NAMING.search(cue[0]) and not _looks_like_a_full_or_first_name(text[name.start : name.end]):
                break
            yield name, cue.start()
            joiner = _AND_ANOTHER.match(text, name.end)
            next_name = _name_at(text, joiner.end(), any_case=False) if joiner else None
            if next_name is None or text[next_name.start : next_name.end].split()[0] not in _first_names():
                break
            position = joiner.end() if joiner else name.end


def _looks_like_a_full_or_first_name(name: str) -> bool:
    words = name.split()
    return len(words) > 1 or words[0].capitalize() in _first_names()


def _name_at(text: str, position: int, *, any_case: bool) -> PiiFinding | None:
    match = _NAME.match(text, position)
    if match and match[0].split()[0].lower().strip(".") not in _NOT_NAMES:
        if _names_a_place(text, match) or _INSTITUTION_BEFORE.search(text[:position]):
            return None
        return _trimmed(text, match.start(), match.end())
    word = _LOWER_WORD.match(text, position)
    if word and (any_case or word[0].capitalize() in _first_names()) and word[0].lower() not in _NOT_NAMES:
        return _trimmed(text, word.start(), word.end())
    return None


def _could_be_a_name(text: str, name: re.Match[str]) -> bool:
    return name[0].split()[0].lower().strip(".") not in _NOT_NAMES and not _names_a_place(text, name)


def _names_a_place(text: str, name: re.Match[str]) -> bool:
    """ "Lincoln High", "Jackson County", "Escuela Benito Juárez": a name that names a place, not a person."""
    first_word_end = name.start() + len(name[0].split()[0])
    return bool(_INSTITUTION_AFTER.match(text[first_word_end:]))


def _trimmed(text: str, start: int, end: int) -> PiiFinding:
    for possessive in ("'s", "\u2019s"):
        if text[start:end].endswith(possessive):
            end -= len(possessive)
    return PiiFinding(PiiKind.PERSON_NAME, start, end)


def _in_official_role(text: str, cue_start: int, finding: PiiFinding) -> bool:
    before = text[max(0, cue_start - _REACH) : cue_start]
    if any(not re.search(r"[.!?;]", before[role.end() :]) for role in _OFFICIAL_ROLE.finditer(before)):
        return True
    return bool(_ROLE_AFTER_A_COMMA.match(text, finding.end))


def _after_official_roles(text: str) -> list[PiiFinding]:
    found = []
    for role in _OFFICIAL_ROLE.finditer(text):
        position = role.end()
        joiner = re.compile(rf"(?:\s*,\s*|\s+)(?:{_TITLE}\.?\s+)?").match(text, position)
        if joiner:
            name = _NAME.match(text, joiner.end())
            if name and _could_be_a_name(text, name):
                found.append(_trimmed(text, name.start(), name.end()))
    return found


@cache
def _first_names() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "pii_data" / "first_names.txt"
    return frozenset(path.read_text(encoding="utf-8").split())
