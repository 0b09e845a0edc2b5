"""Progress on the canvas's outcomes. `outcome_progress` is the contract the radar and
the advantage page read; its body comes with the measurements (issue 12)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from consortia.partnerships.models import Partnership


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator: where it started, where it is, where it is going, and `status`:
    "on_track", "at_risk", "off_track", or "no_data" (no measurement yet)."""

    indicator_id: int
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal
    target_date: datetime.date
    latest: Decimal | None
    latest_on: datetime.date | None
    status: str


@dataclass(frozen=True)
class OutcomeProgress:
    """An outcome with its indicators; `status` is the outcome's, from its indicators'
    (the worst of those with data, "no_data" when none has any)."""

    outcome_id: int
    title: str
    status: str
    indicators: tuple[IndicatorProgress, ...]


def outcome_progress(*, partnership: Partnership) -> list[OutcomeProgress]:
    """Every outcome of `partnership`'s canvas with its progress, in the canvas's
    order. A fixed number of queries, whatever the number of measurements."""
    return []
