"""An indicator's chart as numbers for an SVG: the measurements, the baseline, the
target and the straight line between them, placed in a fixed viewBox. Pure: it reads
an IndicatorProgress and makes no query. The picture is decoration (aria-hidden);
the page gives the same figures in a table."""

import datetime
from dataclasses import dataclass

from .selectors import IndicatorProgress

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40  # room for the axes' labels


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]  # the measurements, oldest first
    polyline: str  # the same points as an SVG polyline's "points"
    start: Point | None  # the baseline, where the line begins
    end: Point  # the target, where the line ends
    y_labels: tuple[Point, ...]  # the lowest and highest values on the left axis
    x_labels: tuple[Point, ...]  # the first and last days under the axis
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def indicator_chart(progress: IndicatorProgress) -> Chart | None:
    """The chart of one indicator; None when there is nothing to draw a line from
    (no baseline and no measurement yet)."""
    start: tuple[datetime.date, float] | None = None
    if progress.baseline is not None and progress.baseline_on is not None:
        start = (progress.baseline_on, float(progress.baseline))
    elif progress.points:
        start = (progress.points[0][0], float(progress.points[0][1]))
    if start is None:
        return None
    target = (progress.target_date, float(progress.target))
    everything = [start, target, *((on, float(value)) for on, value in progress.points)]
    first_day = min(on for on, _ in everything).toordinal()
    last_day = max(on for on, _ in everything).toordinal()
    low, high = min(v for _, v in everything), max(v for _, v in everything)
    if high == low:
        low, high = low - 1, high + 1
    days = max(last_day - first_day, 1)

    def place(on: datetime.date, value: float, label: str = "") -> Point:
        x = LEFT + (on.toordinal() - first_day) / days * (WIDTH - LEFT - RIGHT)
        y = HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - TOP - BOTTOM)
        return Point(round(x, 1), round(y, 1), label)

    points = tuple(place(on, float(value)) for on, value in progress.points)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        start=place(*start),
        end=place(*target),
        y_labels=(
            Point(LEFT - 8, HEIGHT - BOTTOM, _number(low)),
            Point(LEFT - 8, TOP + 5, _number(high)),
        ),
        x_labels=(
            Point(LEFT, HEIGHT - BOTTOM + 24, datetime.date.fromordinal(first_day).strftime("%b %Y")),
            Point(WIDTH - RIGHT, HEIGHT - BOTTOM + 24, datetime.date.fromordinal(last_day).strftime("%b %Y")),
        ),
    )
