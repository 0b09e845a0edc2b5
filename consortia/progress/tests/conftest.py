"""The progress tests' world: the shared `world` (conftest.py at the root) plus an
outcome with one indicator (20% to 60% of carers feeling less alone, by a day 100
days after it was added), and a helper to date an indicator's baseline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.canvas.models import Indicator
from consortia.core.factories import IndicatorFactory, OutcomeFactory


def added_days_ago(indicator: Indicator, days: int, *, span: int = 100) -> Indicator:
    """Say the indicator was added `days` ago, with its target date `span` days after."""
    added = timezone.now() - timedelta(days=days)
    Indicator.objects.filter(pk=indicator.pk).update(
        created_at=added, target_date=timezone.localtime(added).date() + timedelta(days=span)
    )
    indicator.refresh_from_db()
    return indicator


@pytest.fixture
def outcome(world):
    return OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")


@pytest.fixture
def indicator(outcome):
    """Baseline 20, target 60, added 50 days ago with its target 50 days ahead: the
    line stands at 40 today."""
    return added_days_ago(IndicatorFactory(outcome=outcome, name="Carers who feel less alone"), 50)
