"""Screening's personal-information finder, measured on the labelled corpus, meets the issue's targets."""

import pytest

from chalicelib.domain.pii import find_pii
from tests.pii.corpus import LabelledText, Span, labelled_texts
from tests.pii.evaluate import CLEAN_FALSE_POSITIVE_TARGET, RECALL_TARGETS, evaluate


@pytest.fixture(scope="module")
def corpus_evaluation():
    return evaluate(labelled_texts(), find_pii)


@pytest.mark.parametrize("kind", RECALL_TARGETS)
def test_recall_on_the_corpus_meets_its_target(corpus_evaluation, kind):
    figures = corpus_evaluation.kinds[kind]
    missed = [value for missed_kind, value, _ in corpus_evaluation.missed if missed_kind == kind]

    assert figures.recall is not None and figures.recall >= RECALL_TARGETS[kind], missed


def test_clean_texts_with_a_finding_stay_within_the_target(corpus_evaluation):
    assert corpus_evaluation.clean_false_positive_rate <= CLEAN_FALSE_POSITIVE_TARGET, (
        corpus_evaluation.clean_texts_with_findings
    )


def finder_of(*findings: Span):
    return lambda text: list(findings)


SON = LabelledText("My son Tyler Johnson is 9", [Span("person_name", 7, 20)], "en", clean=False)


def test_a_finding_covering_80_percent_of_a_labelled_span_counts_as_found():
    evaluation = evaluate([SON], finder_of(Span("person_name", 7, 18)))

    assert evaluation.kinds["person_name"].found == 1


def test_a_finding_covering_less_than_80_percent_of_a_labelled_span_is_a_miss():
    evaluation = evaluate([SON], finder_of(Span("person_name", 7, 12)))

    assert evaluation.kinds["person_name"].found == 0
    assert evaluation.kinds["person_name"].recall == 0.0


def test_a_finding_of_another_kind_neither_finds_the_span_nor_counts_as_right():
    evaluation = evaluate([SON], finder_of(Span("student_id", 7, 20)))

    assert evaluation.kinds["person_name"].found == 0
    assert evaluation.kinds["student_id"].precision == 0.0


def test_a_finding_that_overlaps_a_labelled_span_of_its_kind_counts_as_right():
    evaluation = evaluate([SON], finder_of(Span("person_name", 0, 10)))

    assert evaluation.kinds["person_name"].precision == 1.0


def test_a_clean_text_with_any_finding_is_a_false_positive():
    clean = [
        LabelledText("Room 214", [], "en+es", clean=True),
        LabelledText("Lincoln High", [], "en+es", clean=True),
    ]

    evaluation = evaluate(clean, lambda text: [Span("phone", 0, 4)] if text == "Room 214" else [])

    assert evaluation.clean_false_positive_rate == 0.5
    assert not evaluation.meets_targets
