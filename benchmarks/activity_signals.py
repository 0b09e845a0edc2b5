"""Benchmark: the activity signals computed from scratch from a long event log, and
brought up to date incrementally after a few new events. Not a test: it reports, it
never asserts.

    .venv/bin/python benchmarks/activity_signals.py [--events 200000] [--new 100]

Seeds a partnership of --partners organisations with --events events of every verb
the signals read, spread over two years (consortia/activity/history.py), then times:
- a full recompute: forget everything and read the whole log (computation.py);
- an incremental run after --new more events: read only those.
The issue asks for the incremental run to cost under 5% of the full one.

Uses a throw-away SQLite database unless DATABASE_URL is set (then give it an empty
database of its own: it creates rows there).
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortia.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from consortia.activity.computation import signals_read, signals_reset  # noqa: E402
from consortia.activity.history import Actor, events_write, synthetic_events  # noqa: E402
from consortia.activity.models import Period, Tracked  # noqa: E402
from consortia.core.factories import partnership_with_partners  # noqa: E402
from consortia.organisations.models import Membership  # noqa: E402

NOW = datetime.timedelta(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--partners", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    partnership, _ = partnership_with_partners(args.partners)
    partnership.partners.update(joined_at=timezone.now() - datetime.timedelta(days=800))
    actors = [
        Actor(m.user_id, p.pk, p.organisation_id)
        for p in partnership.partners.all()
        for m in Membership.objects.filter(organisation_id=p.organisation_id)
    ]
    rng = random.Random(args.seed)
    end = timezone.now() - datetime.timedelta(days=1)
    start = end - datetime.timedelta(days=730)

    began = time.perf_counter()
    log = synthetic_events(
        partnership_id=partnership.pk, actors=actors, count=args.events, start=start, end=end, rng=rng
    )
    events_write(log)
    print(f"{connection.vendor}: seeded {len(log):,} events in {time.perf_counter() - began:.1f} s")

    began = time.perf_counter()
    signals_reset(partnership)
    read = signals_read(partnership, settle=NOW)
    full = time.perf_counter() - began
    periods = Period.objects.filter(partnership=partnership).count()
    objects = Tracked.objects.filter(partnership=partnership).count()
    print(
        f"full recompute:  {full * 1000:10.0f} ms  ({read:,} events, {periods} months, {objects:,} objects tracked)"
    )

    fresh = synthetic_events(
        partnership_id=partnership.pk,
        actors=actors,
        count=args.new,
        start=end,
        end=end + datetime.timedelta(hours=12),
        rng=rng,
    )
    events_write(fresh)
    began = time.perf_counter()
    read = signals_read(partnership, settle=NOW)
    incremental = time.perf_counter() - began
    print(f"incremental:     {incremental * 1000:10.0f} ms  ({read:,} new events)")
    print(f"ratio:           {100 * incremental / full:10.2f} %  (the issue asks for under 5%)")


if __name__ == "__main__":
    main()
