"""Progress on the canvas's outcomes. `outcome_progress` is the contract the radar and
the advantage page read; `progress_page` is the outcomes page's own fuller reading
(the measurements themselves, for the tables and the charts). Both load the same
three queries, whatever the number of outcomes, indicators and measurements:
outcomes, their indicators, and those indicators' measurements.

An indicator's status is health.measures.trajectory_status: its latest measurement
against the straight line from its baseline (on the day the indicator was added to
the canvas; with no baseline, its first measurement, on that measurement's day) to
its target by the target date."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from consortia.canvas.models import Indicator, Outcome
from consortia.health.measures import AT_RISK, OFF_TRACK, ON_TRACK, progress_share, trajectory_status
from consortia.partnerships.models import Partnership

from .models import Measurement

NO_DATA = "no_data"
# Worst last: an outcome's status is the worst of its indicators' with data.
STATUS_ORDER = (ON_TRACK, AT_RISK, OFF_TRACK)
STATUS_LABELS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_DATA: "No measurements yet",
}


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator: where it started, where it is, where it is going, and `status`:
    "on_track", "at_risk", "off_track", or "no_data" (no measurement yet).

    Added by the progress app (optional): `baseline_on`, the day of the line's start;
    `share`, how far the latest value has come from the baseline towards the target
    (1.0 is the target; None without data or when the target is the baseline);
    `points`, every measurement as (day, value), oldest first."""

    indicator_id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal
    target_date: datetime.date
    latest: Decimal | None
    latest_on: datetime.date | None
    status: str
    baseline_on: datetime.date | None = None
    share: float | None = None
    points: tuple[tuple[datetime.date, Decimal], ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class OutcomeProgress:
    """An outcome with its indicators; `status` is the outcome's, from its indicators'
    (the worst of those with data, "no_data" when none has any)."""

    outcome_id: int
    title: str
    status: str
    indicators: tuple[IndicatorProgress, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _outcomes(partnership: Partnership) -> list[Outcome]:
    """The canvas's outcomes with their indicators and the indicators' measurements,
    oldest first: three queries."""
    measurements = Measurement.objects.order_by("on", "pk").select_related("recorded_by")
    indicators = Indicator.objects.order_by("question", "pk").prefetch_related(
        Prefetch("measurements", queryset=measurements)
    )
    return list(
        Outcome.objects.filter(partnership=partnership)
        .order_by("created_at", "pk")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
    )


def indicator_progress(indicator: Indicator, measurements: list[Measurement]) -> IndicatorProgress:
    """An indicator's progress from its measurements (oldest first). No query."""
    points = tuple((m.on, m.value) for m in measurements)
    if not points:
        return IndicatorProgress(
            indicator_id=indicator.pk,
            name=indicator.name,
            unit=indicator.unit,
            baseline=indicator.baseline,
            target=indicator.target,
            target_date=indicator.target_date,
            latest=None,
            latest_on=None,
            status=NO_DATA,
            baseline_on=timezone.localtime(indicator.created_at).date()
            if indicator.baseline is not None
            else None,
        )
    if indicator.baseline is not None:
        start, start_on = indicator.baseline, timezone.localtime(indicator.created_at).date()
    else:
        start_on, start = points[0]
    latest_on, latest = points[-1]
    status = trajectory_status(
        baseline=float(start),
        baseline_on=start_on,
        target=float(indicator.target),
        target_on=indicator.target_date,
        value=float(latest),
        value_on=latest_on,
    )
    return IndicatorProgress(
        indicator_id=indicator.pk,
        name=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline,
        target=indicator.target,
        target_date=indicator.target_date,
        latest=latest,
        latest_on=latest_on,
        status=status,
        baseline_on=start_on,
        share=progress_share(baseline=float(start), target=float(indicator.target), value=float(latest)),
        points=points,
    )


def worst_status(statuses: list[str]) -> str:
    """The worst of `statuses` that have data; "no_data" when none has."""
    known = [s for s in statuses if s != NO_DATA]
    return max(known, key=STATUS_ORDER.index) if known else NO_DATA


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as the outcomes page shows it: its progress and its measurements."""

    indicator: Indicator
    progress: IndicatorProgress
    measurements: list[Measurement]


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    progress: OutcomeProgress
    indicators: list[IndicatorRow]


def progress_page(partnership: Partnership) -> list[OutcomeRow]:
    """Every outcome of `partnership`'s canvas with its indicators, their progress
    and their measurements, in the canvas's order. Three queries."""
    rows = []
    for outcome in _outcomes(partnership):
        outcome.partnership = partnership
        indicator_rows = []
        for indicator in outcome.indicators.all():
            indicator.outcome = outcome
            measurements = list(indicator.measurements.all())
            indicator_rows.append(
                IndicatorRow(indicator, indicator_progress(indicator, measurements), measurements)
            )
        progresses = tuple(row.progress for row in indicator_rows)
        rows.append(
            OutcomeRow(
                outcome,
                OutcomeProgress(
                    outcome_id=outcome.pk,
                    title=outcome.statement,
                    status=worst_status([p.status for p in progresses]),
                    indicators=progresses,
                ),
                indicator_rows,
            )
        )
    return rows


def outcome_progress(*, partnership: Partnership) -> list[OutcomeProgress]:
    """Every outcome of `partnership`'s canvas with its progress, in the canvas's
    order. A fixed number of queries, whatever the number of measurements (three)."""
    return [row.progress for row in progress_page(partnership)]


def indicator_choices(partnership: Partnership) -> list[Indicator]:
    """The partnership's indicators with their outcomes, in the canvas's order, to
    choose from when recording a measurement. One query."""
    return list(
        Indicator.objects.filter(outcome__partnership=partnership)
        .select_related("outcome")
        .order_by("outcome__created_at", "outcome__pk", "question", "pk")
    )
