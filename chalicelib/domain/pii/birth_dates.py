"""Dates of birth: a date that "born", "birthday", "DOB", "nació" or "fecha de nacimiento" points at."""

import re
from collections.abc import Iterator

from chalicelib.domain.pii.findings import PiiFinding, PiiKind

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MESES = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
)
_DATE = re.compile(
    r"(?i)(?<![\w/.-])(?:"
    r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2}"
    rf"|{_MONTHS}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\s+[0-9]{{4}})?"
    rf"|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+[0-9]{{4}}"
    rf"|[0-9]{{1,2}}\s+de\s+{_MESES}(?:,?\s+(?:(?:de|del)\s+)?[0-9]{{4}})?"
    rf"|{_MONTHS}\s+(?:of\s+)?[0-9]{{4}}|{_MESES}\s+(?:de|del)\s+[0-9]{{4}}"
    r")(?![\w/-])"
)
_CUE_BEFORE = re.compile(
    r"(?i)\b(?:born|birth\s?day|bday|b-day|birth\s?date|date\s+of\s+birth|d\.?o\.?b\b\.?"
    r"|\bb\.|naci[óo]|nacid[oa]|fecha\s+de\s+nac(?:imiento\b|\.)|f\.\s?de\s+nac\.|cumplea[ñn]os|cumple)"
)
_CUE_AFTER = re.compile(
    r"(?i)^[\s,()]*(?:is\s+|es\s+)?(?:his|her|their|my|su|mi)?\s*(?:birthday|cumplea[ñn]os)"
)
_EVENT_BETWEEN = re.compile(
    r"(?i)\b(?:party|parties|meeting|test|testing|exam|same\s+day|fiesta|reuni[oó]n|junta|examen|prueba)"
)
_REACH = 45


def birth_dates(text: str) -> Iterator[PiiFinding]:
    for date in _DATE.finditer(text):
        before = text[max(0, date.start() - _REACH) : date.start()]
        cue_before = [cue for cue in _CUE_BEFORE.finditer(before) if _points_at_the_date(before[cue.end() :])]
        if cue_before or _CUE_AFTER.match(text[date.end() : date.end() + 30]):
            yield PiiFinding(PiiKind.DATE_OF_BIRTH, date.start(), date.end())


def _points_at_the_date(between: str) -> bool:
    return not re.search(r"[!?;]|[.]\s+[A-Z]", between) and not _EVENT_BETWEEN.search(between)
