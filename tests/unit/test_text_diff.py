"""What changed between two revisions' texts: lines, and words inside a changed line."""

import json

import pytest

from chalicelib.domain.text_diff import DiffKind, DiffLine, diff_document, line_diff, word_diff

OLD = "# Growth\n\nReport growth for every school.\n\nPublish the results each fall."
NEW = "# Growth\n\nReport growth for every school and district.\n\nPublish the results each fall.\n\nAsk parents."


def spelled(spans, *kinds):
    return "".join(span.text for span in spans if span.kind in kinds)


def test_lines_that_stay_are_same_and_the_others_are_removed_then_added():
    lines = line_diff("a\nb\nc", "a\nB\nc\nd")

    assert lines == [
        DiffLine(kind=DiffKind.SAME, text="a"),
        DiffLine(kind=DiffKind.REMOVED, text="b"),
        DiffLine(kind=DiffKind.ADDED, text="B"),
        DiffLine(kind=DiffKind.SAME, text="c"),
        DiffLine(kind=DiffKind.ADDED, text="d"),
    ]


def test_identical_texts_have_only_same_lines():
    assert {line.kind for line in line_diff(OLD, OLD)} == {DiffKind.SAME}
    assert diff_document(OLD, OLD).identical


def test_a_word_diff_marks_only_the_words_that_changed():
    spans = word_diff("Publish the results each fall.", "Publish the results every spring.")

    assert [(span.kind, span.text) for span in spans] == [
        (DiffKind.SAME, "Publish the results "),
        (DiffKind.REMOVED, "each fall"),
        (DiffKind.ADDED, "every spring"),
        (DiffKind.SAME, "."),
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", "Something new."),
        ("Gone now.", ""),
        ("Growth, by grade; by school!", "Growth by school, and by grade."),
        ("  spaced   out  ", "spaced out"),
        ("Élèves réussissent.", "Les élèves réussissent bien."),
    ],
)
def test_the_spans_spell_the_old_text_and_the_new_text_exactly(old, new):
    spans = word_diff(old, new)

    assert spelled(spans, DiffKind.SAME, DiffKind.REMOVED) == old
    assert spelled(spans, DiffKind.SAME, DiffKind.ADDED) == new


def test_the_document_diff_shows_an_edited_line_as_changed_with_word_spans_inside():
    diff = diff_document(OLD, NEW)

    changed = [line for line in diff.lines if line.kind == DiffKind.CHANGED]
    assert (diff.changed, diff.added, diff.removed) == (1, 2, 0)
    assert changed[0].old_text == "Report growth for every school."
    assert changed[0].text == "Report growth for every school and district."
    assert [(span.kind, span.text) for span in changed[0].spans if span.kind != DiffKind.SAME] == [
        (DiffKind.ADDED, " and district")
    ]
    assert [line.text for line in diff.lines if line.kind == DiffKind.ADDED] == ["", "Ask parents."]


def test_an_unrelated_replacement_reads_as_removed_then_added_rather_than_word_soup():
    diff = diff_document("keep\nThe board meets monthly.\nkeep", "keep\nStudents need counselors.\nkeep")

    assert [(line.kind, line.text) for line in diff.lines] == [
        (DiffKind.SAME, "keep"),
        (DiffKind.REMOVED, "The board meets monthly."),
        (DiffKind.ADDED, "Students need counselors."),
        (DiffKind.SAME, "keep"),
    ]


def test_in_a_block_of_edits_the_unpaired_removals_come_before_the_additions():
    diff = diff_document("a b c d\nremoved line\nlast", "a b c e\nan entirely different one\nlast")

    assert [line.kind for line in diff.lines] == [
        DiffKind.CHANGED,
        DiffKind.REMOVED,
        DiffKind.ADDED,
        DiffKind.SAME,
    ]


def test_the_document_diff_dumps_to_json_for_the_api():
    dumped = diff_document(OLD, NEW).model_dump(mode="json")

    assert json.loads(json.dumps(dumped)) == dumped
    assert set(dumped) == {"lines", "added", "removed", "changed"}
    assert {"kind", "text", "old_text", "spans"} <= set(dumped["lines"][0])
