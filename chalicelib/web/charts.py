"""Bar charts drawn on the server: numbers in, the geometry of an SVG out (no chart library, no script).
Each bar sits under its own label line, so long team names never squeeze the bars on a phone."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

WIDTH = 480
LABEL_LINE = 24
BAR_HEIGHT = 20
ROW_GAP = 14
ROW = LABEL_LINE + BAR_HEIGHT + ROW_GAP
# Room after the longest bar for its value.
VALUE_ROOM = 64
VALUE_GAP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str
    label_y: float
    bar_y: float
    length: float

    @property
    def value_x(self) -> float:
        return self.length + VALUE_GAP

    @property
    def value_y(self) -> float:
        return self.bar_y + BAR_HEIGHT - 5


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * ROW


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    values: Sequence[tuple[str, float]],
    number: Callable[[float], str],
) -> BarChart:
    """Horizontal bars whose lengths are proportional to the values; the largest spans the chart."""
    largest = max((value for _label, value in values), default=0)
    longest = WIDTH - VALUE_ROOM
    bars = tuple(
        Bar(
            label=label,
            value=value,
            value_text=number(value),
            label_y=row * ROW + LABEL_LINE - 6,
            bar_y=row * ROW + LABEL_LINE,
            length=round(longest * value / largest, 1) if largest > 0 else 0.0,
        )
        for row, (label, value) in enumerate(values)
    )
    return BarChart(chart_id, title, description, bars)
