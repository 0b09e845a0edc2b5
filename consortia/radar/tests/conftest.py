"""The radar's tests read the three contract selectors through `radar_data`: set its
fields and the radar sees them (the selectors are stubs on this branch; their real
bodies arrive with the health check, the signals and the progress pages)."""

from dataclasses import dataclass, field

import pytest

from consortia.radar import selectors


@dataclass
class RadarData:
    factors: list = field(default_factory=list)
    signals: dict = field(default_factory=dict)
    outcomes: list = field(default_factory=list)


@pytest.fixture
def radar_data(monkeypatch):
    data = RadarData()
    monkeypatch.setattr(selectors, "factor_scores_latest", lambda *, partnership: data.factors)
    monkeypatch.setattr(selectors, "signal_series", lambda *, partnership, periods=6: data.signals)
    monkeypatch.setattr(selectors, "outcome_progress", lambda *, partnership: data.outcomes)
    return data
