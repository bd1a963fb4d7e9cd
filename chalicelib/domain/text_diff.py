"""What changed between two texts: line by line, and word by word inside a changed line."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from itertools import groupby

from pydantic import ConfigDict

from chalicelib.domain.model import Model

# A removed line and an added line in the same place read as one changed line when at least this share
# of their words match; below it they are shown as a removal and an addition.
PAIRING_THRESHOLD = 0.4
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class DiffKind(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class DiffLine(Model):
    model_config = ConfigDict(frozen=True)

    kind: DiffKind
    text: str


class DiffSpan(Model):
    model_config = ConfigDict(frozen=True)

    kind: DiffKind
    text: str


class DiffBlock(Model):
    """One line of the diff as the page shows it; a changed line has its old and new text and the spans."""

    model_config = ConfigDict(frozen=True)

    kind: DiffKind
    text: str
    old_text: str | None = None
    spans: tuple[DiffSpan, ...] = ()


class TextDiff(Model):
    model_config = ConfigDict(frozen=True)

    lines: tuple[DiffBlock, ...]
    added: int
    removed: int
    changed: int

    @property
    def identical(self) -> bool:
        return self.added == self.removed == self.changed == 0


def line_diff(old: str, new: str) -> list[DiffLine]:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [DiffLine(kind=DiffKind.SAME, text=text) for text in old_lines[i1:i2]]
            continue
        lines += [DiffLine(kind=DiffKind.REMOVED, text=text) for text in old_lines[i1:i2]]
        lines += [DiffLine(kind=DiffKind.ADDED, text=text) for text in new_lines[j1:j2]]
    return lines


def word_diff(old: str, new: str) -> list[DiffSpan]:
    """Spans whose same and removed parts spell `old`, and whose same and added parts spell `new`."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    chunks = [
        _Chunk(tag == "equal", "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    spans: list[DiffSpan] = []
    for chunk in _merged(_gaps_absorbed(chunks)):
        if chunk.same:
            _append(spans, DiffKind.SAME, chunk.old)
        else:
            _append(spans, DiffKind.REMOVED, chunk.old)
            _append(spans, DiffKind.ADDED, chunk.new)
    return spans


def diff_document(old: str, new: str) -> TextDiff:
    """The diff an API returns (`model_dump(mode="json")`): lines, with word spans inside changed lines."""
    blocks: list[DiffBlock] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        blocks.extend(_paired(removed, added))
        removed.clear()
        added.clear()

    for line in line_diff(old, new):
        if line.kind == DiffKind.SAME:
            flush()
            blocks.append(DiffBlock(kind=DiffKind.SAME, text=line.text))
        else:
            (removed if line.kind == DiffKind.REMOVED else added).append(line.text)
    flush()
    return TextDiff(
        lines=tuple(blocks),
        added=sum(block.kind == DiffKind.ADDED for block in blocks),
        removed=sum(block.kind == DiffKind.REMOVED for block in blocks),
        changed=sum(block.kind == DiffKind.CHANGED for block in blocks),
    )


def _paired(removed: list[str], added: list[str]) -> list[DiffBlock]:
    blocks: list[DiffBlock] = []
    for index in range(max(len(removed), len(added))):
        old = removed[index] if index < len(removed) else None
        new = added[index] if index < len(added) else None
        if old is not None and new is not None and _similar(old, new):
            spans = tuple(word_diff(old, new))
            blocks.append(DiffBlock(kind=DiffKind.CHANGED, text=new, old_text=old, spans=spans))
            continue
        if old is not None:
            blocks.append(DiffBlock(kind=DiffKind.REMOVED, text=old))
        if new is not None:
            blocks.append(DiffBlock(kind=DiffKind.ADDED, text=new))
    return _removals_first(blocks)


def _removals_first(blocks: list[DiffBlock]) -> list[DiffBlock]:
    """Between changed lines, the lines removed read before the lines added."""
    ordered: list[DiffBlock] = []
    for _, run in groupby(blocks, key=lambda block: block.kind == DiffKind.CHANGED):
        ordered += sorted(run, key=lambda block: block.kind != DiffKind.REMOVED)
    return ordered


def _similar(old: str, new: str) -> bool:
    old_words, new_words = re.findall(r"\w+", old), re.findall(r"\w+", new)
    if not old_words and not new_words:
        return True
    return SequenceMatcher(None, old_words, new_words, autojunk=False).ratio() >= PAIRING_THRESHOLD


@dataclass(frozen=True)
class _Chunk:
    same: bool
    old: str
    new: str


def _gaps_absorbed(chunks: list[_Chunk]) -> list[_Chunk]:
    """A space between two changed words joins the change, so "each fall" reads as one replacement."""
    inner = range(1, len(chunks) - 1)
    return [
        _Chunk(False, chunk.old, chunk.new)
        if index in inner and chunk.same and not chunk.old.strip()
        else chunk
        for index, chunk in enumerate(chunks)
    ]


def _merged(chunks: list[_Chunk]) -> list[_Chunk]:
    merged: list[_Chunk] = []
    for chunk in chunks:
        if merged and not chunk.same and not merged[-1].same:
            merged[-1] = _Chunk(False, merged[-1].old + chunk.old, merged[-1].new + chunk.new)
        else:
            merged.append(chunk)
    return merged


def _append(spans: list[DiffSpan], kind: DiffKind, text: str) -> None:
    if not text:
        return
    if spans and spans[-1].kind == kind:
        spans[-1] = DiffSpan(kind=kind, text=spans[-1].text + text)
    else:
        spans.append(DiffSpan(kind=kind, text=text))
