"""How well screening finds personal information on the labelled corpus: `make pii-eval`.

A labelled span counts as found when a finding of the same kind covers at least 80% of it; a finding
counts as right when it overlaps a labelled span of the same kind. A clean text with any finding is a
false positive. Exits non-zero when a figure misses its target; `--details` first lists each labelled
span missed and each finding that matched no label.
"""

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tests.pii.corpus import KINDS, LabelledText, Span, labelled_texts

COVERAGE_TO_COUNT_AS_FOUND = 0.8
RECALL_TARGETS = {
    "email": 0.95,
    "phone": 0.95,
    "ssn": 0.95,
    "student_id": 0.95,
    "date_of_birth": 0.95,
    "street_address": 0.85,
    "person_name": 0.85,
}
CLEAN_FALSE_POSITIVE_TARGET = 0.02


class Finding(Protocol):
    @property
    def kind(self) -> object: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


Finder = Callable[[str], Sequence[Finding]]


@dataclass
class KindFigures:
    kind: str
    labelled: int = 0
    found: int = 0
    findings: int = 0
    right: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def precision(self) -> float | None:
        return self.right / self.findings if self.findings else None

    @property
    def target(self) -> float | None:
        return RECALL_TARGETS.get(self.kind)

    @property
    def meets_target(self) -> bool:
        if self.target is None:
            return True
        return self.recall is not None and self.recall >= self.target


@dataclass
class Evaluation:
    kinds: dict[str, KindFigures] = field(default_factory=lambda: {kind: KindFigures(kind) for kind in KINDS})
    clean_texts: int = 0
    clean_texts_with_findings: list[str] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def clean_false_positive_rate(self) -> float:
        return len(self.clean_texts_with_findings) / self.clean_texts if self.clean_texts else 0.0

    @property
    def meets_targets(self) -> bool:
        clean_ok = self.clean_false_positive_rate <= CLEAN_FALSE_POSITIVE_TARGET
        return clean_ok and all(figures.meets_target for figures in self.kinds.values())


def evaluate(texts: Sequence[LabelledText], finder: Finder) -> Evaluation:
    evaluation = Evaluation()
    for labelled in texts:
        findings = [_as_span(finding) for finding in finder(labelled.text)]
        if labelled.clean:
            evaluation.clean_texts += 1
            if findings:
                evaluation.clean_texts_with_findings.append(labelled.text)
        for span in labelled.spans:
            figures = evaluation.kinds[span.kind]
            figures.labelled += 1
            if any(_covers(finding, span) for finding in findings):
                figures.found += 1
            else:
                evaluation.missed.append((span.kind, labelled.text[span.start : span.end], labelled.text))
        for finding in findings:
            figures = evaluation.kinds.setdefault(finding.kind, KindFigures(finding.kind))
            figures.findings += 1
            if any(_overlaps(finding, span) for span in labelled.spans):
                figures.right += 1
            else:
                evaluation.wrong.append(
                    (finding.kind, labelled.text[finding.start : finding.end], labelled.text)
                )
    return evaluation


def report(evaluation: Evaluation) -> str:
    lines = [f"{'kind':<16}{'labelled':>9}{'found':>7}{'recall':>8}{'precision':>11}{'target':>8}"]
    for figures in evaluation.kinds.values():
        verdict = "" if figures.meets_target else "  below target"
        lines.append(
            f"{figures.kind:<16}{figures.labelled:>9}{figures.found:>7}{_figure(figures.recall):>8}"
            f"{_figure(figures.precision):>11}{_figure(figures.target):>8}{verdict}"
        )
    rate = evaluation.clean_false_positive_rate
    verdict = "" if rate <= CLEAN_FALSE_POSITIVE_TARGET else "  above target"
    lines.append(
        f"clean texts with a finding: {len(evaluation.clean_texts_with_findings)} of {evaluation.clean_texts}"
        f" = {rate:.1%} (target at most {CLEAN_FALSE_POSITIVE_TARGET:.0%}){verdict}"
    )
    return "\n".join(lines)


def details(evaluation: Evaluation) -> str:
    lines = [f"missed {kind}: {value!r} in: {text}" for kind, value, text in evaluation.missed]
    lines += [f"wrong {kind}: {value!r} in: {text}" for kind, value, text in evaluation.wrong]
    return "\n".join(lines)


def _as_span(finding: Finding) -> Span:
    return Span(str(getattr(finding.kind, "value", finding.kind)), finding.start, finding.end)


def _covers(finding: Span, span: Span) -> bool:
    covered = min(finding.end, span.end) - max(finding.start, span.start)
    return finding.kind == span.kind and covered >= COVERAGE_TO_COUNT_AS_FOUND * (span.end - span.start)


def _overlaps(finding: Span, span: Span) -> bool:
    return finding.kind == span.kind and finding.start < span.end and span.start < finding.end


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(argv: Sequence[str]) -> int:
    from chalicelib.domain.pii import find_pii

    evaluation = evaluate(labelled_texts(), find_pii)
    if "--details" in argv:
        print(details(evaluation))
    print(report(evaluation))
    return 0 if evaluation.meets_targets else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
