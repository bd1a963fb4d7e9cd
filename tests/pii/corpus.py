"""The labelled corpus: feedback as people write it, each piece of personal information marked inline.

A line of `corpus/en.txt` or `corpus/es.txt` is one text; `[[kind:the text]]` marks a piece of personal
information. `corpus/clean.txt` holds texts with none, in both languages. Blank lines and lines starting
with `#` are notes for whoever edits the files, not texts.
"""

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
KINDS = ("email", "phone", "ssn", "student_id", "date_of_birth", "street_address", "person_name")
LABELLED_FILES = {"en.txt": "en", "es.txt": "es"}
CLEAN_FILE = "clean.txt"

_MARKER = re.compile(r"\[\[(?P<kind>[a-z_]+):(?P<value>(?:(?!\[\[|\]\]).)+)\]\]")


class CorpusError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledText:
    text: str
    spans: list[Span]
    language: str
    clean: bool


def labelled_texts(corpus: Path = CORPUS) -> list[LabelledText]:
    texts = [
        parse_line(line, language, clean=False)
        for name, language in LABELLED_FILES.items()
        for line in _lines(corpus / name)
    ]
    return texts + [parse_line(line, "en+es", clean=True) for line in _lines(corpus / CLEAN_FILE)]


def parse_line(line: str, language: str, clean: bool) -> LabelledText:
    pieces: list[str] = []
    spans: list[Span] = []
    length = 0
    position = 0
    for marker in _MARKER.finditer(line):
        if marker["kind"] not in KINDS:
            raise CorpusError(f"unknown kind {marker['kind']!r} in: {line}")
        before = line[position : marker.start()]
        pieces += [before, marker["value"]]
        length += len(before)
        spans.append(Span(marker["kind"], length, length + len(marker["value"])))
        length += len(marker["value"])
        position = marker.end()
    pieces.append(line[position:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise CorpusError(f"a marker is not closed or not of the form [[kind:text]] in: {line}")
    return LabelledText(text, spans, language, clean)


def _lines(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]
