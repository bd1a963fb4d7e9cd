"""Bar charts drawn on the server: lengths proportional to the values, every label and value present."""

from chalicelib.web.charts import ROW, VALUE_ROOM, WIDTH, bar_chart


def as_text(value: float) -> str:
    return f"{value:,.0f}"


def test_bars_are_proportional_to_their_values_and_the_largest_spans_the_chart():
    chart = bar_chart("c", "Title", "Takeaway", [("A", 10), ("B", 5), ("C", 0)], as_text)

    lengths = [bar.length for bar in chart.bars]
    assert lengths == [WIDTH - VALUE_ROOM, (WIDTH - VALUE_ROOM) / 2, 0]


def test_every_bar_carries_its_label_and_its_value_in_the_given_number_format():
    chart = bar_chart("c", "Title", "Takeaway", [("Climate and Culture", 1234), ("General", 7)], as_text)

    assert [(bar.label, bar.value_text) for bar in chart.bars] == [
        ("Climate and Culture", "1,234"),
        ("General", "7"),
    ]
    assert (chart.title, chart.description) == ("Title", "Takeaway")


def test_each_bar_has_a_row_of_its_own_below_its_label_and_the_chart_is_as_tall_as_its_rows():
    chart = bar_chart("c", "Title", "Takeaway", [("A", 1), ("B", 2), ("C", 3)], as_text)

    assert chart.height == 3 * ROW
    assert all(bar.label_y < bar.bar_y for bar in chart.bars)
    assert [bar.bar_y for bar in chart.bars] == sorted({bar.bar_y for bar in chart.bars})
    assert all(bar.value_x > bar.length for bar in chart.bars)


def test_all_zero_values_draw_no_bar_and_never_divide_by_zero():
    chart = bar_chart("c", "Title", "Takeaway", [("A", 0), ("B", 0)], as_text)

    assert [bar.length for bar in chart.bars] == [0, 0]
