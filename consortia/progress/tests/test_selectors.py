"""outcome_progress, the contract the radar and the advantage page read: each
indicator's status from its latest measurement against its line, the outcome's as
the worst of its indicators' with data, and an indicator without a baseline drawn
from its first measurement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.core.factories import IndicatorFactory, MeasurementFactory, OutcomeFactory
from consortia.progress.selectors import outcome_progress, worst_status

from .conftest import added_days_ago

pytestmark = pytest.mark.django_db


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


@pytest.mark.parametrize(
    ("value", "status"),
    [("45", "on_track"), ("40", "on_track"), ("37", "at_risk"), ("30", "off_track")],
    ids=["ahead", "on-the-line", "a-little-behind", "far-behind"],
)
def test_an_indicator_is_judged_by_its_latest_measurement_against_its_line(world, indicator, value, status):
    MeasurementFactory(indicator=indicator, on=days_ago(20), value=10)  # older, far behind, not the latest
    MeasurementFactory(indicator=indicator, on=timezone.localdate(), value=Decimal(value))

    [outcome] = outcome_progress(partnership=world.partnership)

    [progress] = outcome.indicators
    assert (progress.status, progress.latest, progress.latest_on) == (
        status,
        Decimal(value),
        timezone.localdate(),
    )
    assert outcome.status == status
    assert progress.baseline_on == days_ago(50)
    assert [v for _, v in progress.points] == [Decimal(10), Decimal(value)]


def test_an_indicator_without_measurements_has_no_data(world, indicator):
    [outcome] = outcome_progress(partnership=world.partnership)

    assert outcome.status == outcome.indicators[0].status == "no_data"
    assert outcome.indicators[0].latest is None


def test_an_outcome_takes_the_worst_status_of_its_indicators_with_data(world, outcome, indicator):
    behind = added_days_ago(IndicatorFactory(outcome=outcome, name="Advice within a week"), 50)
    IndicatorFactory(outcome=outcome, name="Not measured yet")
    MeasurementFactory(indicator=indicator, on=timezone.localdate(), value=45)
    MeasurementFactory(indicator=behind, on=timezone.localdate(), value=37)

    [progress] = outcome_progress(partnership=world.partnership)

    assert [i.status for i in progress.indicators] == ["on_track", "at_risk", "no_data"]
    assert progress.status == "at_risk"


def test_worst_status_ignores_indicators_without_data():
    assert worst_status(["no_data", "on_track"]) == "on_track"
    assert worst_status(["off_track", "at_risk"]) == "off_track"
    assert worst_status(["no_data"]) == worst_status([]) == "no_data"


def test_without_a_baseline_the_line_starts_at_the_first_measurement(world, outcome):
    waiting = IndicatorFactory(outcome=outcome, name="Days waiting for advice", baseline=None, target=10)
    waiting.target_date = days_ago(40) + timedelta(days=100)
    waiting.save()
    MeasurementFactory(indicator=waiting, on=days_ago(40), value=40)
    MeasurementFactory(indicator=waiting, on=days_ago(10), value=30)  # the line stands at 31 on that day

    [progress] = outcome_progress(partnership=world.partnership)

    [indicator] = progress.indicators
    assert indicator.baseline_on == days_ago(40)
    assert indicator.status == "on_track"
    assert indicator.share == pytest.approx(1 / 3)


def test_it_keeps_the_canvass_order_and_only_this_partnerships_outcomes(world):
    first = OutcomeFactory(partnership=world.partnership, statement="First")
    second = OutcomeFactory(partnership=world.partnership, statement="Second")
    OutcomeFactory(statement="Elsewhere")

    assert [o.outcome_id for o in outcome_progress(partnership=world.partnership)] == [first.pk, second.pk]
