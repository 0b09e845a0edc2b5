"""The trajectory status of an indicator (measures.trajectory_status): worked examples
for rising and falling targets, the edges of the line, and hypothesis properties: on or
ahead of the line is on track, a falling target is the mirror image of a rising one,
and a value further behind is never judged better."""

import doctest
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.health import measures
from consortia.health.measures import (
    AT_RISK,
    OFF_TRACK,
    ON_TRACK,
    progress_share,
    trajectory_expected,
    trajectory_status,
)

# 100 days from start to end, 50 to half way.
START, END, HALF_WAY = date(2026, 1, 1), date(2026, 4, 11), date(2026, 2, 20)
RISING = {"baseline": 20, "baseline_on": START, "target": 60, "target_on": END}
FALLING = {"baseline": 40, "baseline_on": START, "target": 10, "target_on": END}
RANK = {ON_TRACK: 0, AT_RISK: 1, OFF_TRACK: 2}


@pytest.mark.parametrize("function", [trajectory_expected, trajectory_status, progress_share])
def test_it_passes_its_own_worked_examples(function):
    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(function, globs=vars(measures)):
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted >= 1
    assert results.failed == 0


def test_it_draws_the_line_from_baseline_to_target():
    assert trajectory_expected(**RISING, on=START) == 20
    assert trajectory_expected(**RISING, on=HALF_WAY) == pytest.approx(40)
    assert trajectory_expected(**RISING, on=END) == 60
    assert trajectory_expected(**FALLING, on=HALF_WAY) == pytest.approx(25)


def test_it_holds_the_line_at_its_ends():
    assert trajectory_expected(**RISING, on=START - timedelta(days=30)) == 20
    assert trajectory_expected(**RISING, on=END + timedelta(days=30)) == 60


def test_it_expects_the_target_when_the_target_date_is_not_after_the_baseline_date():
    assert trajectory_expected(baseline=20, baseline_on=END, target=60, target_on=START, on=END) == 60


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        (RISING, 40, ON_TRACK),  # on the line
        (RISING, 55, ON_TRACK),  # ahead of it
        (RISING, 36.5, AT_RISK),  # 3.5 behind, less than 10% of 40
        (RISING, 36, OFF_TRACK),  # 4 behind: the tolerance itself is off track
        (RISING, 10, OFF_TRACK),  # went backwards
        (FALLING, 25, ON_TRACK),
        (FALLING, 12, ON_TRACK),  # ahead: lower is better
        (FALLING, 27.5, AT_RISK),  # 2.5 behind, less than 10% of 30
        (FALLING, 30, OFF_TRACK),
    ],
    ids=[
        "rising-on-the-line",
        "rising-ahead",
        "rising-just-behind",
        "rising-at-the-tolerance",
        "rising-backwards",
        "falling-on-the-line",
        "falling-ahead",
        "falling-just-behind",
        "falling-far-behind",
    ],
)
def test_it_judges_a_value_half_way_against_the_line(line, value, expected):
    assert trajectory_status(**line, value=value, value_on=HALF_WAY) == expected


def test_a_missed_target_after_its_date_is_off_track():
    assert trajectory_status(**RISING, value=50, value_on=END + timedelta(days=10)) == OFF_TRACK


def test_a_level_to_hold_counts_any_distance_as_behind():
    level = {"baseline": 50, "baseline_on": START, "target": 50, "target_on": END}
    assert trajectory_status(**level, value=50, value_on=HALF_WAY) == ON_TRACK
    assert trajectory_status(**level, value=48, value_on=HALF_WAY) == AT_RISK
    assert trajectory_status(**level, value=40, value_on=HALF_WAY) == OFF_TRACK


def test_a_wider_tolerance_forgives_more():
    assert trajectory_status(**RISING, value=30, value_on=HALF_WAY) == OFF_TRACK
    assert trajectory_status(**RISING, value=30, value_on=HALF_WAY, tolerance=0.5) == AT_RISK


def test_it_refuses_a_negative_tolerance():
    with pytest.raises(ValueError, match="tolerance"):
        trajectory_status(**RISING, value=30, value_on=HALF_WAY, tolerance=-0.1)


def test_progress_share_measures_the_way_travelled():
    assert progress_share(baseline=20, target=60, value=40) == 0.5
    assert progress_share(baseline=40, target=10, value=25) == 0.5
    assert progress_share(baseline=5, target=5, value=7) is None


# --- properties -------------------------------------------------------------------------------

numbers = st.integers(min_value=-1_000_000, max_value=1_000_000)
days = st.integers(min_value=0, max_value=3000)


@given(baseline=numbers, target=numbers, span=st.integers(1, 3000), at=days, ahead=st.integers(0, 1000))
def test_on_or_ahead_of_the_line_is_on_track(baseline, target, span, at, ahead):
    line = {
        "baseline": baseline,
        "baseline_on": START,
        "target": target,
        "target_on": START + timedelta(span),
    }
    on = START + timedelta(at)
    expected = trajectory_expected(**line, on=on)
    direction = 1 if target >= baseline else -1
    value = expected + direction * ahead if target != baseline else expected
    assert trajectory_status(**line, value=value, value_on=on) == ON_TRACK


@given(baseline=numbers, target=numbers, value=numbers, span=st.integers(1, 3000), at=days)
def test_a_falling_target_is_the_mirror_image_of_a_rising_one(baseline, target, value, span, at):
    rising = {
        "baseline": baseline,
        "baseline_on": START,
        "target": target,
        "target_on": START + timedelta(span),
    }
    mirrored = {**rising, "baseline": -baseline, "target": -target}
    on = START + timedelta(at)
    assert trajectory_status(**rising, value=value, value_on=on) == trajectory_status(
        **mirrored, value=-value, value_on=on
    )


@given(baseline=numbers, target=numbers, value=numbers, worse=st.integers(0, 1000), at=days)
def test_further_behind_is_never_judged_better(baseline, target, value, worse, at):
    line = {"baseline": baseline, "baseline_on": START, "target": target, "target_on": END}
    on = START + timedelta(at)
    direction = 1 if target >= baseline else -1
    if target == baseline:
        value, behind = target + abs(value - target), target + abs(value - target) + worse
    else:
        behind = value - direction * worse
    assert (
        RANK[trajectory_status(**line, value=behind, value_on=on)]
        >= RANK[trajectory_status(**line, value=value, value_on=on)]
    )
