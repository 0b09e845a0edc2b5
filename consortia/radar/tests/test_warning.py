"""The inertia early warning (radar/warning.py): worked examples for each mark, the
survey's factors and the level's rules, inputs shaped like the demo's, and
properties: more of a bad signal never lowers the level; missing data never raises it."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consortia.activity.selectors import SignalPoint
from consortia.radar.warning import (
    CLEAR,
    RANK,
    UNKNOWN,
    WARNING,
    WATCH,
    RadarInputs,
    assess,
    complete_periods,
    level_of,
    number,
)

from .fakes import demo_shaped, factor, healthy, outcome, series

TODAY = datetime.date(2026, 12, 6)


def mark(report, key):
    return report.cause(key)


def test_it_is_not_enough_data_yet_with_nothing_to_read():
    report = assess(RadarInputs(today=TODAY))

    assert report.level == UNKNOWN
    assert report.level_label == "Not enough data yet"
    assert [m.level for m in report.marks] == [UNKNOWN] * 4
    assert report.raised == ()


def test_it_leaves_a_steady_partnership_clear():
    report = assess(RadarInputs(today=TODAY, signals=healthy(TODAY), factors=[factor("trust", "strength")]))

    assert report.level == CLEAR
    assert [m.level for m in report.marks] == [CLEAR] * 3 + [UNKNOWN]
    assert report.reason == "Nothing is at watch or warning."


def test_it_names_a_slow_down_in_replies_with_its_evidence():
    signals = {"first_reply_hours": series(TODAY, [6, 5, 7, 52], in_progress=80)}

    slow = mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace")

    assert slow.level == WARNING
    assert slow.cause == "Things are slowing down: decisions and replies take longer than they did."
    assert [f.text for f in slow.findings] == [
        "First replies to threads took a median of 52 hours in November, against 6 hours in the three months before."
    ]


@pytest.mark.parametrize(
    ("latest", "level"),
    [(8.9, CLEAR), (9, WATCH), (14.9, WATCH), (15, WARNING)],
)
def test_it_sets_slow_pace_at_one_and_a_half_and_two_and_a_half_times_the_median_before(latest, level):
    signals = {"first_reply_hours": series(TODAY, [5, 6, 7, latest])}  # median before: 6 hours

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace").level == level


def test_it_takes_the_worst_of_polls_and_replies():
    signals = {
        "first_reply_hours": series(TODAY, [6, 6, 6, 6]),
        "poll_decision_days": series(TODAY, [4, 3, 5, 7]),  # 7 against 4: 1.75x
    }

    slow = mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace")

    assert slow.level == WATCH
    assert (
        slow.findings[0].text
        == "Polls took a median of 7 days in November, against 4 days in the three months before."
    )


def test_it_does_not_call_a_quick_reply_slow_however_much_it_rose():
    signals = {"first_reply_hours": series(TODAY, [1, 1, 1, 3.5])}  # 3.5x, but within 4 hours

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace").level == CLEAR


def test_it_leaves_out_the_month_in_progress():
    # The month in progress is slow so far; the months that ended were not.
    signals = {"first_reply_hours": series(TODAY, [6, 6, 6, 6], in_progress=60)}

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace").level == CLEAR


def test_it_says_not_enough_data_without_earlier_months_to_compare():
    signals = {"first_reply_hours": series(TODAY, [None, None, 6, 60])}

    slow = mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace")

    assert slow.level == UNKNOWN
    assert slow.findings[0].text.endswith("there are not enough earlier periods to compare.")


def test_it_says_not_enough_data_when_the_last_month_has_no_value():
    signals = {"first_reply_hours": series(TODAY, [6, 6, 6, None])}

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "slow_pace").findings == ()


@pytest.mark.parametrize(("ratio", "level"), [(0.5, CLEAR), (0.49, WATCH), (0.3, WATCH), (0.29, WARNING)])
def test_it_reads_the_closure_ratio_as_negligible_output(ratio, level):
    signals = {"action_closure_ratio": series(TODAY, [0.8, ratio])}

    output = mark(assess(RadarInputs(today=TODAY, signals=signals)), "negligible_output")

    assert output.level == level
    assert output.findings[0].text == f"{ratio:.0%} of the actions due or closed in November were done."


@pytest.mark.parametrize(("done", "level"), [(7, CLEAR), (6, WATCH), (4, WARNING), (0, WARNING)])
def test_it_reads_fewer_actions_done_than_before_as_negligible_output(done, level):
    signals = {"actions_done": series(TODAY, [9, 10, 11, done])}  # median before: 10

    output = mark(assess(RadarInputs(today=TODAY, signals=signals)), "negligible_output")

    assert output.level == level
    assert output.findings[0].text.endswith(
        "done in November, against 10 a month in the three months before."
    )


@pytest.mark.parametrize(
    ("statuses", "level"),
    [
        (["on_track", "on_track", "at_risk", "no_data"], CLEAR),
        (["on_track", "at_risk", "at_risk", "no_data"], WATCH),
        (["on_track", "on_track", "on_track", "off_track"], WATCH),
        (["on_track", "off_track", "off_track", "no_data"], WARNING),
    ],
)
def test_it_reads_outcomes_off_track_and_at_risk(statuses, level):
    outcomes = [outcome(f"Outcome {i}", s, latest_on=TODAY, pk=i) for i, s in enumerate(statuses)]

    output = mark(assess(RadarInputs(today=TODAY, outcomes=outcomes)), "negligible_output")

    assert output.level == level


def test_it_calls_outcomes_without_a_measurement_for_three_months_not_moving():
    outcomes = [
        outcome("Carers reached", "on_track", latest_on=TODAY - datetime.timedelta(days=120), pk=1),
        outcome("Hospital discharges", "on_track", latest_on=TODAY - datetime.timedelta(days=10), pk=2),
    ]

    output = mark(assess(RadarInputs(today=TODAY, outcomes=outcomes)), "negligible_output")

    assert output.level == WATCH
    assert output.findings[-1].text == "No new measurement for over three months: “Carers reached”."


def test_it_raises_no_alarm_for_outcomes_never_measured():
    outcomes = [outcome("Carers reached", "no_data")]

    assert mark(assess(RadarInputs(today=TODAY, outcomes=outcomes)), "negligible_output").level == UNKNOWN


@pytest.mark.parametrize(("latest", "level"), [(2.9, CLEAR), (3, WATCH), (5, WARNING)])
def test_it_reads_much_talk_for_each_thing_done_as_the_hard_grind(latest, level):
    signals = {"talk_per_done": series(TODAY, [2, 1, 2, latest])}  # median before: 2

    grind = mark(assess(RadarInputs(today=TODAY, signals=signals)), "hard_grind")

    assert grind.level == level


def test_it_needs_the_talk_high_as_well_as_rising():
    signals = {"talk_per_done": series(TODAY, [0.5, 0.5, 0.5, 2])}  # four times, but 2 per action done

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "hard_grind").level == CLEAR


@pytest.mark.parametrize(
    ("band", "level"), [("strength", CLEAR), ("borderline", WATCH), ("concern", WARNING), ("", UNKNOWN)]
)
def test_it_reads_each_survey_factor_from_its_band(band, level):
    report = assess(RadarInputs(today=TODAY, factors=[factor("trust", band, label="Trust")]))

    assert report.cause("trust").level == level
    assert report.level == level  # the only cause


def test_it_gives_a_factor_its_evidence_and_cause():
    trust = factor("trust", "borderline", label="Trust", score=3.4, previous=3.9)

    cause = assess(RadarInputs(today=TODAY, factors=[trust])).cause("trust")

    assert cause.cause == "Partners rate “Trust” as borderline, worth discussing."
    assert cause.findings[0].text == (
        "Scored 3.4 out of 5 (borderline, worth discussing) by 7 respondents from 3 organisations; "
        "the organisations' scores are 0.6 apart; 3.9 in the round before."
    )


@pytest.mark.parametrize(
    ("levels", "level"),
    [
        ([], UNKNOWN),
        ([UNKNOWN, UNKNOWN], UNKNOWN),
        ([CLEAR, UNKNOWN], CLEAR),
        ([WATCH, CLEAR, UNKNOWN], WATCH),
        ([WATCH, WATCH, CLEAR], WARNING),
        ([WARNING, CLEAR], WARNING),
    ],
)
def test_it_combines_the_causes_into_one_level(levels, level):
    assert level_of(levels)[0] == level


def test_it_raises_a_warning_for_slow_pace_and_a_watch_for_trust_from_the_demos_history():
    report = assess(
        RadarInputs(
            today=TODAY,
            signals=demo_shaped(TODAY),
            factors=[factor("trust", "borderline", label="Trust"), factor("vision", "strength")],
        )
    )

    assert report.cause("slow_pace").level == WARNING
    assert report.cause("trust").level == WATCH
    assert report.level == WARNING
    assert {"slow_pace", "trust", "hard_grind", "negligible_output"} == {c.key for c in report.raised}


def test_it_tells_the_complete_periods_by_the_calendar_month():
    points = [SignalPoint(datetime.date(2026, 11, 1), 1.0), SignalPoint(datetime.date(2026, 12, 1), 2.0)]

    assert complete_periods(points, datetime.date(2026, 11, 30)) == []
    assert complete_periods(points, datetime.date(2026, 12, 1)) == points[:1]
    assert complete_periods(points, datetime.date(2027, 1, 1)) == points


def test_it_writes_numbers_as_people_read_them():
    assert [number(1, "hour"), number(52, "hour"), number(1.25, "day"), number(1234.4)] == [
        "1 hour",
        "52 hours",
        "1.2 days",
        "1,234",
    ]


# --- properties -----------------------------------------------------------------------------

values = st.floats(min_value=0, max_value=500, allow_nan=False)
maybe = st.one_of(st.none(), values)
ratios = st.floats(min_value=0, max_value=1, allow_nan=False)
bands = st.sampled_from(["strength", "borderline", "concern", ""])
statuses = st.sampled_from(["on_track", "at_risk", "off_track", "no_data"])
WORSE_STATUS = {"no_data": "no_data", "on_track": "at_risk", "at_risk": "off_track", "off_track": "off_track"}
WORSE_BAND = {"strength": "borderline", "borderline": "concern", "concern": "concern", "": ""}


@st.composite
def inputs(draw):
    keys = ["first_reply_hours", "poll_decision_days", "talk_per_done", "actions_done"]
    signals = {key: series(TODAY, draw(st.lists(maybe, min_size=0, max_size=5))) for key in keys}
    signals["action_closure_ratio"] = series(TODAY, draw(st.lists(st.one_of(st.none(), ratios), max_size=5)))
    factors = [factor(f"f{i}", band) for i, band in enumerate(draw(st.lists(bands, max_size=4)))]
    outcomes = [
        outcome(f"O{i}", s, latest_on=TODAY - datetime.timedelta(days=draw(st.integers(0, 200))), pk=i)
        for i, s in enumerate(draw(st.lists(statuses, max_size=4)))
    ]
    return RadarInputs(today=TODAY, signals=signals, factors=factors, outcomes=outcomes)


def _with_latest(inputs_, key, change):
    points = list(inputs_.signals[key])
    done = complete_periods(points, TODAY)
    if not done or done[-1].value is None:
        return None
    index = len(done) - 1
    points[index] = SignalPoint(points[index].period_start, change(points[index].value))
    return RadarInputs(inputs_.today, inputs_.factors, {**inputs_.signals, key: points}, inputs_.outcomes)


@settings(max_examples=150, deadline=None)
@given(inputs(), st.sampled_from(["first_reply_hours", "poll_decision_days", "talk_per_done"]), values)
def test_more_of_a_rising_bad_signal_never_lowers_the_level(before, key, more):
    after = _with_latest(before, key, lambda v: v + more)
    if after is not None:
        assert RANK[assess(after).level] >= RANK[assess(before).level]


@settings(max_examples=150, deadline=None)
@given(inputs(), st.sampled_from(["actions_done", "action_closure_ratio"]), st.floats(0, 1))
def test_less_done_never_lowers_the_level(before, key, share):
    after = _with_latest(before, key, lambda v: v * share)
    if after is not None:
        assert RANK[assess(after).level] >= RANK[assess(before).level]


@settings(max_examples=150, deadline=None)
@given(inputs(), st.data())
def test_worse_outcomes_and_survey_bands_never_lower_the_level(before, data):
    outcomes = [
        o
        if not data.draw(st.booleans())
        else outcome(o.title, WORSE_STATUS[o.status], latest_on=o.indicators[0].latest_on, pk=o.outcome_id)
        for o in before.outcomes
    ]
    factors = [
        f if not data.draw(st.booleans()) else factor(f.key, WORSE_BAND[f.band]) for f in before.factors
    ]
    after = RadarInputs(before.today, factors, before.signals, outcomes)

    assert RANK[assess(after).level] >= RANK[assess(before).level]


@settings(max_examples=100, deadline=None)
@given(
    inputs(),
    st.sampled_from(
        ["first_reply_hours", "poll_decision_days", "talk_per_done", "actions_done", "action_closure_ratio"]
    ),
)
def test_a_signal_missing_never_raises_an_alarm_of_its_own(before, key):
    """Dropping a whole series leaves its mark with less evidence, never more."""
    after = RadarInputs(before.today, before.factors, {**before.signals, key: []}, before.outcomes)

    assert RANK[assess(after).level] <= RANK[assess(before).level]


# --- uneven participation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gini", "elephant", "level"),
    [(0.3, 1, CLEAR), (0.45, 2, CLEAR), (0.45, 1, WATCH), (0.6, 2, WARNING)],
)
def test_it_reads_one_organisation_doing_most_of_the_work(gini, elephant, level):
    signals = {
        "participation_gini": series(TODAY, [0.2, gini]),
        "elephant_factor": series(TODAY, [2, elephant]),
    }

    uneven = assess(RadarInputs(today=TODAY, signals=signals)).cause("uneven_participation")

    assert uneven.level == level
    assert uneven.findings[0].text.startswith(
        f"The activity across partner organisations had a Gini coefficient of {gini:.2f} in November"
    )


def test_it_names_a_silent_partner_and_warns_when_it_stays_silent():
    def inactive(*periods):
        points = series(TODAY, [len(p) for p in periods])
        return [
            SignalPoint(pt.period_start, pt.value, {k: 1.0 for k in p})
            for pt, p in zip(points, [*periods, []], strict=True)
        ]

    names = {"u-pharmacy": "Riverside Pharmacy", "u-centre": "Eastbridge Advice Centre"}
    once = RadarInputs(
        today=TODAY, signals={"inactive_partners": inactive([], ["u-pharmacy"])}, partner_names=names
    )
    twice = RadarInputs(
        today=TODAY,
        signals={"inactive_partners": inactive(["u-pharmacy"], ["u-pharmacy"])},
        partner_names=names,
    )
    nobody = RadarInputs(
        today=TODAY, signals={"inactive_partners": inactive(["u-centre"], [])}, partner_names=names
    )

    assert assess(once).cause("uneven_participation").level == WATCH
    assert assess(once).cause("uneven_participation").findings[0].text == (
        "1 partner took no part in November: Riverside Pharmacy."
    )
    assert assess(twice).cause("uneven_participation").level == WARNING
    assert assess(nobody).cause("uneven_participation").level == CLEAR


@pytest.mark.parametrize(("gini", "level"), [(0.39, CLEAR), (0.4, WATCH)])
def test_it_reads_uneven_votes_as_a_watch(gini, level):
    signals = {"voice_balance": series(TODAY, [0.1, gini])}

    assert assess(RadarInputs(today=TODAY, signals=signals)).cause("uneven_participation").level == level


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), ratios), max_size=4),
    st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=4),
    st.lists(st.one_of(st.none(), ratios), max_size=4),
    st.floats(0, 1),
)
def test_more_uneven_participation_never_lowers_the_level(ginis, elephants, voices, more):
    def inputs_(gini_change=0.0, elephant_to_one=False):
        g = [None if v is None else min(1.0, v + gini_change) for v in ginis]
        e = [None if v is None else (1 if elephant_to_one else v) for v in elephants]
        signals = {
            "participation_gini": series(TODAY, g),
            "elephant_factor": series(TODAY, e),
            "voice_balance": series(
                TODAY, [None if v is None else min(1.0, v + gini_change) for v in voices]
            ),
        }
        return RadarInputs(today=TODAY, signals=signals)

    before = RANK[assess(inputs_()).level]

    assert RANK[assess(inputs_(gini_change=more)).level] >= before
    assert RANK[assess(inputs_(elephant_to_one=True)).level] >= before


# --- a chronic grind and actions no longer serving an outcome (found by the simulation) ------


@pytest.mark.parametrize(("steady", "level"), [(5.9, CLEAR), (6, WATCH), (40, WATCH)])
def test_it_reads_talk_always_high_for_each_thing_done_as_a_grind(steady, level):
    """A partnership born talking never rises: from TALK_HIGH it is a watch all the same."""
    signals = {"talk_per_done": series(TODAY, [steady] * 4)}

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "hard_grind").level == level


def test_it_reads_talk_high_without_earlier_months_as_a_watch():
    signals = {"talk_per_done": series(TODAY, [9])}

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "hard_grind").level == WATCH


@pytest.mark.parametrize(
    ("values", "level"),
    [
        ([0.8, 0.7, 0.8, 0.0], WATCH),  # from 80% to none
        ([0.8, 0.7, 0.8, 0.5], CLEAR),  # half still serve an outcome
        ([0.5, 0.5, 0.5, 0.35], CLEAR),  # under 40%, but not fallen to 1/1.5
        ([0.6, 0.6, 0.6, 0.3], WATCH),
    ],
)
def test_it_reads_fewer_actions_serving_an_outcome_as_little_being_done(values, level):
    signals = {"actions_linked_share": series(TODAY, values)}

    output = mark(assess(RadarInputs(today=TODAY, signals=signals)), "negligible_output")

    assert output.level == level
    assert "of the actions added in November serve an outcome" in output.findings[0].text


@pytest.mark.parametrize(("done", "level"), [(4, CLEAR), (3, WATCH), (2, WARNING)])
def test_it_reads_a_fall_of_fewer_than_three_actions_done_as_chance(done, level):
    """6 to 4 is a 1.5x fall, but a small count moves that much by chance (warning.DONE_FLOOR)."""
    signals = {"actions_done": series(TODAY, [6, 6, 6, done])}

    assert mark(assess(RadarInputs(today=TODAY, signals=signals)), "negligible_output").level == level
