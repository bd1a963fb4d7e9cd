"""CSV files as spreadsheet programs read them safely."""

from chalicelib.api.csv_files import csv_text


def test_a_csv_starts_with_a_byte_order_mark_and_ends_lines_as_spreadsheets_expect():
    assert csv_text(("a", "b"), [{"a": "1", "b": "2"}]) == "\ufeffa,b\r\n1,2\r\n"


def test_a_cell_that_starts_like_a_formula_is_kept_as_text():
    text = csv_text(("name",), [{"name": value} for value in ("=1+1", "+1", "-1", "@sum", "plain")])

    assert text.splitlines()[1:] == ["'=1+1", "'+1", "'-1", "'@sum", "plain"]
