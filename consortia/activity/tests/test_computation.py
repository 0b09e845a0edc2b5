"""Reading the log in pieces gives what reading it in one go gives, and two runs at
once count nothing twice."""

import datetime
import random

import pytest
from django.utils import timezone

from consortia.activity import computation
from consortia.activity.computation import signals_read, signals_reset
from consortia.activity.history import events_write, synthetic_events
from consortia.activity.models import Cursor, Period, Tracked
from consortia.core.models import Event
from consortia.core.testing import run_at_once

pytestmark = pytest.mark.usefixtures("joined_long_ago")

NOW = datetime.timedelta(0)


def _history(world, actors, seed: int, count: int) -> list[Event]:
    end = timezone.now() - datetime.timedelta(minutes=5)
    return synthetic_events(
        partnership_id=world.partnership.pk,
        actors=actors,
        count=count,
        start=end - datetime.timedelta(days=150),
        end=end,
        rng=random.Random(seed),
    )


def _stored(partnership) -> tuple[dict, dict, dict]:
    periods = Period.objects.filter(partnership=partnership)
    return (
        {p.start: p.tallies for p in periods},
        {p.start: p.signals for p in periods},
        {t.key: t.data for t in Tracked.objects.filter(partnership=partnership)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_it_gives_the_same_signals_read_in_pieces_as_in_one_go(world, actors, seed):
    events = _history(world, actors, seed, 1200)
    rng = random.Random(seed * 7)
    cuts = sorted(rng.sample(range(1, len(events)), 6))
    for low, high in zip([0, *cuts], [*cuts, len(events)], strict=True):
        events_write(events[low:high])
        signals_read(world.partnership, size=rng.randint(7, 300), settle=NOW)
    pieces = _stored(world.partnership)

    signals_reset(world.partnership)
    assert signals_read(world.partnership, settle=NOW) == len(events)

    assert _stored(world.partnership) == pieces
    assert len(pieces[0]) >= 5  # five or six months, each with its tallies


@pytest.mark.django_db
def test_it_reads_only_the_events_after_its_cursor(world, actors):
    events = _history(world, actors, 9, 300)
    events_write(events[:200])
    assert signals_read(world.partnership, settle=NOW) == 200
    assert signals_read(world.partnership, settle=NOW) == 0
    events_write(events[200:])
    assert signals_read(world.partnership, settle=NOW) == len(events) - 200
    last = Event.objects.filter(partnership=world.partnership).order_by("-pk").first()
    assert Cursor.objects.get(partnership=world.partnership).last_event_id == last.pk


@pytest.mark.django_db
def test_it_leaves_events_younger_than_the_settling_time_for_the_next_run(world, actors):
    events = _history(world, actors, 5, 50)
    events[-1].occurred_at = timezone.now()
    events_write(events)
    assert signals_read(world.partnership) == 49
    assert signals_read(world.partnership, settle=NOW) == 1


@pytest.mark.django_db
def test_a_run_overtaken_by_another_rolls_its_batch_back(world, actors, monkeypatch):
    events_write(_history(world, actors, 11, 100))
    Cursor.objects.create(partnership=world.partnership)

    def another_run_finishes_first() -> None:
        Cursor.objects.filter(partnership=world.partnership).update(last_event_id=10**9)

    monkeypatch.setattr(computation, "_after_read", another_run_finishes_first)

    assert signals_read(world.partnership, settle=NOW) == 0
    assert not Period.objects.filter(partnership=world.partnership).exists()
    assert not Tracked.objects.filter(partnership=world.partnership).exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_count_every_event_once(world, actors):
    events = _history(world, actors, 13, 600)
    events_write(events)
    partnership_id = world.partnership.pk

    def run():
        return lambda: signals_read(partnership_id, size=50, settle=NOW)

    results = run_at_once(run, run)

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sum(results) == len(events)
    together = _stored(world.partnership)
    signals_reset(partnership_id)
    signals_read(partnership_id, settle=NOW)
    assert _stored(world.partnership) == together
