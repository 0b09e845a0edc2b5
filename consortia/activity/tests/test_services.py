"""The background jobs: bringing one partnership up to date, recomputing it from
scratch, and the recurring job that finds the partnerships with new events."""

import datetime
import random

import pytest
from django.utils import timezone

from consortia.activity import services
from consortia.activity.history import events_write, synthetic_events
from consortia.activity.models import Cursor, Period
from consortia.core.events import event_record
from consortia.core.factories import PartnershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("joined_long_ago")]


def _old_events(world, actors, n: int = 200) -> None:
    end = timezone.now() - datetime.timedelta(minutes=5)
    events_write(
        synthetic_events(
            partnership_id=world.partnership.pk,
            actors=actors,
            count=n,
            start=end - datetime.timedelta(days=60),
            end=end,
            rng=random.Random(n),
        )
    )


def test_it_brings_a_partnership_up_to_date_and_recomputes_it_the_same(world, actors):
    _old_events(world, actors)

    read = services.signals_update.call(world.partnership.pk)
    first = {p.start: p.signals for p in Period.objects.filter(partnership=world.partnership)}

    assert read > 150 and first
    assert services.signals_update.call(world.partnership.pk) == 0
    assert services.signals_recompute.call(world.partnership.pk) == read
    assert {p.start: p.signals for p in Period.objects.filter(partnership=world.partnership)} == first


def test_the_recurring_job_runs_only_the_partnerships_with_new_events(world, actors, monkeypatch):
    quiet = PartnershipFactory()
    event_record(actor=None, verb="partnership.updated", obj=quiet, partnership=quiet)
    _old_events(world, actors)
    enqueued = []

    class Queue:
        @staticmethod
        def enqueue(*, partnership_id):
            enqueued.append(partnership_id)

    monkeypatch.setattr(services, "signals_update", Queue)

    assert services.signals_update_due.call() == 2
    assert sorted(enqueued) == sorted([world.partnership.pk, quiet.pk])

    last = quiet.events.order_by("-pk").first()
    Cursor.objects.create(partnership=quiet, last_event_id=last.pk)
    enqueued.clear()
    assert services.signals_update_due.call() == 1
    assert enqueued == [world.partnership.pk]
