"""The labelled corpus: markers become exact spans, and there is enough of every kind to measure."""

from collections import Counter

import pytest

from tests.pii.corpus import CLEAN_FILE, CORPUS, KINDS, CorpusError, Span, labelled_texts, parse_line

TEXTS = labelled_texts()


def test_a_marker_is_stripped_and_its_span_points_at_the_text_it_marked():
    labelled = parse_line(
        "My son [[person_name:Tyler Johnson]] in 3rd grade was born [[date_of_birth:03/14/2015]].",
        "en",
        False,
    )

    assert labelled.text == "My son Tyler Johnson in 3rd grade was born 03/14/2015."
    assert labelled.spans == [Span("person_name", 7, 20), Span("date_of_birth", 43, 53)]


def test_spans_stay_exact_after_accented_letters_and_adjacent_markers():
    labelled = parse_line("José: [[phone:555-0142]][[email:a@example.org]] ñ", "es", False)

    assert [labelled.text[span.start : span.end] for span in labelled.spans] == ["555-0142", "a@example.org"]


def test_single_brackets_inside_a_marker_belong_to_the_marked_text():
    labelled = parse_line("write to [[email:nguyen[at]example.com]] please", "en", False)

    assert labelled.text == "write to nguyen[at]example.com please"
    assert labelled.spans == [Span("email", 9, 30)]


def test_an_unknown_kind_is_refused():
    with pytest.raises(CorpusError):
        parse_line("call [[fax:555-0142]]", "en", False)


def test_a_marker_left_open_is_refused():
    with pytest.raises(CorpusError):
        parse_line("call [[phone:555-0142 tonight", "en", False)


def test_every_span_in_the_corpus_covers_text_without_surrounding_spaces():
    for labelled in TEXTS:
        for span in labelled.spans:
            value = labelled.text[span.start : span.end]
            assert value and value == value.strip(), (span, labelled.text)


def test_the_corpus_holds_at_least_200_texts_with_personal_information_in_english_and_spanish():
    with_information = [labelled for labelled in TEXTS if labelled.spans]
    languages = Counter(labelled.language for labelled in with_information)

    assert len(with_information) >= 200
    assert languages["en"] >= 50 and languages["es"] >= 50


def test_the_corpus_holds_at_least_100_clean_texts():
    assert len([labelled for labelled in TEXTS if labelled.clean]) >= 100


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_appears_at_least_15_times(kind):
    assert Counter(span.kind for labelled in TEXTS for span in labelled.spans)[kind] >= 15


def test_no_clean_text_carries_a_marker():
    raw_lines = (CORPUS / CLEAN_FILE).read_text(encoding="utf-8").splitlines()

    assert not [line for line in raw_lines if "[[" in line or "]]" in line]
    assert all(not labelled.spans for labelled in TEXTS if labelled.clean)


def test_every_labelled_text_carries_a_marker():
    assert all(labelled.spans for labelled in TEXTS if not labelled.clean)
