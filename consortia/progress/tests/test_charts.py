"""An indicator's chart geometry (progress/charts.py): the line runs from the baseline
to the target, the measurements sit between them in time and value, a falling target
draws its line downwards, and there is no chart without a start."""

import datetime
from decimal import Decimal

from consortia.progress.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, indicator_chart
from consortia.progress.selectors import IndicatorProgress

START = datetime.date(2026, 1, 1)


def progress(**overrides) -> IndicatorProgress:
    fields = {
        "indicator_id": 1,
        "name": "Carers advised",
        "unit": "carers",
        "baseline": Decimal(20),
        "target": Decimal(60),
        "target_date": START + datetime.timedelta(days=100),
        "latest": None,
        "latest_on": None,
        "status": "no_data",
        "baseline_on": START,
        "points": (),
    }
    return IndicatorProgress(**(fields | overrides))


def test_the_line_runs_from_the_baseline_at_bottom_left_to_the_target_at_top_right():
    chart = indicator_chart(progress(points=((START + datetime.timedelta(days=50), Decimal(40)),)))

    assert chart is not None
    assert (chart.start.x, chart.start.y) == (LEFT, HEIGHT - BOTTOM)
    assert (chart.end.x, chart.end.y) == (WIDTH - RIGHT, TOP)
    [point] = chart.points
    assert point.x == (LEFT + WIDTH - RIGHT) / 2
    assert point.y == (TOP + HEIGHT - BOTTOM) / 2
    assert [label.label for label in chart.y_labels] == ["20", "60"]
    assert [label.label for label in chart.x_labels] == ["Jan 2026", "Apr 2026"]


def test_a_falling_target_draws_its_line_downwards():
    chart = indicator_chart(progress(baseline=Decimal(40), target=Decimal(10)))

    assert chart is not None and chart.start.y < chart.end.y


def test_without_a_baseline_the_line_starts_at_the_first_measurement():
    first = (START + datetime.timedelta(days=10), Decimal(30))
    chart = indicator_chart(
        progress(
            baseline=None,
            baseline_on=None,
            points=(first, (START + datetime.timedelta(days=40), Decimal(35))),
        )
    )

    assert chart is not None
    assert (chart.start.x, chart.start.y) == (chart.points[0].x, chart.points[0].y)
    assert chart.polyline.count(",") == 2


def test_there_is_no_chart_without_a_baseline_or_a_measurement():
    assert indicator_chart(progress(baseline=None, baseline_on=None)) is None


def test_a_flat_line_still_has_room_to_draw():
    chart = indicator_chart(progress(baseline=Decimal(5), target=Decimal(5)))

    assert chart is not None and chart.start.y == chart.end.y
    assert [label.label for label in chart.y_labels] == ["4", "6"]
