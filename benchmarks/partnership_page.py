"""Benchmark: how fast the partnership home page renders, and how many queries it
costs, as the partnership grows. Not a test: it reports, it never asserts.

    .venv/bin/python benchmarks/partnership_page.py [--requests 200]

Uses a throw-away SQLite database (or DATABASE_URL if set, at your own risk: it
creates rows there) and Django's test client, so it measures the application
(views, templates, ORM), not the web server.
"""

import argparse
import os
import statistics
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
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from consortia.core.factories import partnership_with_partners  # noqa: E402


def measure(partnership, viewer, requests: int) -> tuple[float, float, int]:
    client = Client()
    client.force_login(viewer)
    url = reverse("partnerships:detail", args=[partnership.uuid])
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"{'partners':>8} {'events':>7} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for n_partners, n_events in ((2, 10), (10, 200), (30, 2000), (100, 20000)):
        partnership, viewer = partnership_with_partners(n_partners, n_events=n_events)
        median, p95, queries = measure(partnership, viewer, args.requests)
        print(f"{n_partners:>8} {n_events:>7} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
