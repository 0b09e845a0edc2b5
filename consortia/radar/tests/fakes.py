"""Inputs for the radar's tests, shaped like the contract selectors' answers (the
real bodies arrive with the health check, the signals and the progress pages)."""

import datetime
from decimal import Decimal

from consortia.activity.selectors import SignalPoint
from consortia.health.selectors import FactorScore
from consortia.progress.selectors import IndicatorProgress, OutcomeProgress

BANDS = {"strength": 4.3, "borderline": 3.4, "concern": 2.6}


def month_starts(today: datetime.date, n: int) -> list[datetime.date]:
    """The first days of the last `n` months, oldest first, the month of `today` last."""
    first = today.replace(day=1)
    starts = [first]
    while len(starts) < n:
        starts.insert(0, (starts[0] - datetime.timedelta(days=1)).replace(day=1))
    return starts


def series(today: datetime.date, values: list, *, in_progress: float | None = None) -> list[SignalPoint]:
    """Complete months holding `values` (oldest first), then the month in progress."""
    starts = month_starts(today, len(values) + 1)
    points = [
        SignalPoint(period_start=start, value=value) for start, value in zip(starts, values, strict=False)
    ]
    return [*points, SignalPoint(period_start=starts[-1], value=in_progress)]


def factor(key: str, band: str, *, label: str = "", score: float | None = None, previous=None) -> FactorScore:
    return FactorScore(
        key=key,
        label=label or key.capitalize(),
        score=BANDS.get(band) if score is None else score,
        band=band,
        spread=0.6 if band else None,
        organisations=3 if band else 1,
        respondents=7 if band else 2,
        previous=previous,
    )


def outcome(
    title: str, status: str, *, latest_on: datetime.date | None = None, pk: int = 1
) -> OutcomeProgress:
    indicator = IndicatorProgress(
        indicator_id=pk,
        name=f"{title} (measure)",
        unit="carers",
        baseline=Decimal(10),
        target=Decimal(100),
        target_date=datetime.date(2030, 1, 1),
        latest=None if status == "no_data" else Decimal(40),
        latest_on=None if status == "no_data" else latest_on,
        status=status,
    )
    return OutcomeProgress(outcome_id=pk, title=title, status=status, indicators=(indicator,))


def healthy(today: datetime.date) -> dict[str, list[SignalPoint]]:
    """Six steady months: replies in 6 hours, polls in 4 days, most actions done."""
    return {
        "first_reply_hours": series(today, [6, 5, 7, 6, 6]),
        "poll_decision_days": series(today, [4, 5, 4, 3, 4]),
        "actions_done": series(today, [9, 8, 10, 9, 9]),
        "action_closure_ratio": series(today, [0.8, 0.7, 0.8, 0.75, 0.8]),
        "talk_per_done": series(today, [2, 2.5, 2, 2, 2]),
    }


def demo_shaped(today: datetime.date) -> dict[str, list[SignalPoint]]:
    """The demo's history (consortia/home/demo_history.py): lively months, then the last
    two markedly slower: first replies and polls three times as long, under three in
    ten actions closed, three times the talk for each action done."""
    return {
        "first_reply_hours": series(today, [6, 5, 6, 7, 18, 20], in_progress=19),
        "poll_decision_days": series(today, [3, 4, 3, 4, 11, 12]),
        "actions_done": series(today, [8, 9, 8, 8, 3, 2]),
        "action_closure_ratio": series(today, [0.8, 0.75, 0.8, 0.8, 0.3, 0.25]),
        "talk_per_done": series(today, [2, 2, 2.5, 2, 6, 7]),
    }
