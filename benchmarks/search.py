"""Benchmark: search over 100,000 posts, on SQLite's FTS5 or PostgreSQL's full-text
search (whichever DATABASE_URL names). Not a test: it reports, it never asserts.

    .venv/bin/python benchmarks/search.py [--posts 100000] [--runs 50]
    createdb -h 127.0.0.1 search_bench
    DATABASE_URL=postgres://root@127.0.0.1:5432/search_bench .venv/bin/python benchmarks/search.py

Uses a throw-away SQLite database unless DATABASE_URL is set (then give it an empty
database of its own: it fills it). It bulk-creates threads and posts in five
partnerships (the searcher takes part in three) from a vocabulary of partnership
work with a Zipf-like spread of word frequencies, builds the index with the reindex
(`index_rebuild`, timed) and ANALYZEs, then times each typical query as the search page runs it
(`search_page`: the count, to 1,000, and the first page of twenty with snippets), --runs times,
and prints the median and 95th percentile per query and over all of them.
"""

import argparse
import os
import random
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
from django.utils import timezone  # noqa: E402

from consortia.core.factories import partnership_with_partners  # noqa: E402
from consortia.search.engines import Scope, engine_count  # noqa: E402
from consortia.search.index import index_rebuild  # noqa: E402
from consortia.search.query import parse  # noqa: E402
from consortia.search.selectors import search_page  # noqa: E402
from consortia.threads.models import Post, Thread  # noqa: E402

# Words of partnership work, most frequent first; the weights fall as 1/rank (Zipf),
# so "the" and "carers" are everywhere and "minibus" is rare, as in real threads.
_WORDS = """
the and to of a in for we is on that with our be are this it at by can from will as
have they not carers referral people support partners meeting group service advice
week training volunteers funding budget pathway surgeries practice council health
care dementia hospital discharge community library hall room rota agenda minutes
action plan outcome need pledge agreement review report data sharing consent secure
mailbox email phone form letter team manager coordinator nurse social worker charity
trust board members family young older isolation loneliness wellbeing mental physical
transport bus minibus parking venue cafe drop-in session workshop course evaluation
survey feedback results monitoring target indicator quarter month year deadline
draft final approved proposal vote decision consensus objection question answer
update thanks please next first last new local regional national policy guidance
safeguarding risk insurance contract invoice payment grant application bid lottery
fund trustees volunteer recruitment induction supervision shift cover holiday leave
"""
VOCABULARY = _WORDS.split()
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]

QUERIES = [
    "referral",
    "carers dementia",
    '"secure mailbox"',
    '"carers support"',
    "volunteers OR training",
    "funding -budget",
    "minibus parking",
    "safeguarding insurance contract",
    "lottery",
    "nothingsuchword",
]


def sentence(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(8, 40))
    return " ".join(words).capitalize() + "."


def build(n_posts: int, rng: random.Random):
    """Five partnerships; the searcher is in the first three (through organisations
    they belong to). Threads of 50 posts, bulk-created: no signal, so no index yet."""
    viewer_partnership, viewer = partnership_with_partners(3)
    partnerships = [viewer_partnership]
    for _ in range(4):
        partnerships.append(partnership_with_partners(2)[0])
    for partnership in partnerships[1:3]:
        partnership.partners.create(
            organisation=viewer_partnership.partners.first().organisation, role="core"
        )
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            partnership=partnerships[i % len(partnerships)],
            title=" ".join(rng.choices(VOCABULARY, WEIGHTS, k=5)).capitalize(),
            author=viewer,
            last_post_at=now,
        )
        for i in range(max(1, n_posts // 50))
    )
    batch = []
    for i in range(n_posts):
        body = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
        batch.append(Post(thread=threads[i % len(threads)], author=viewer, body=body))
        if len(batch) == 5000:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    return viewer


def measure(viewer, runs: int) -> tuple[list[tuple[str, float, float, int]], list[float]]:
    from consortia.partnerships.selectors import partnership_list_for_user

    partnerships = list(partnership_list_for_user(viewer))
    rows, every = [], []
    for typed in QUERIES:
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            search_page(viewer, text=typed, partnerships=partnerships)
            timings.append((time.perf_counter() - start) * 1000)
        # Every match, counted once outside the timing (the page counts to COUNT_CAP).
        found = engine_count(parse(typed), Scope([p.pk for p in partnerships]), cap=10**9)
        rows.append((typed, statistics.median(timings), statistics.quantiles(timings, n=20)[-1], found))
        every += timings
    return rows, every


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(10)

    start = time.perf_counter()
    viewer = build(args.posts, rng)
    built = time.perf_counter() - start
    start = time.perf_counter()
    counts = index_rebuild()
    indexed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum (or SQLite's optimize) would, after a bulk load
    print(f"engine: {connection.vendor}; {args.posts} posts created in {built:.1f} s;")
    print(f"{sum(counts.values())} documents indexed in {indexed:.1f} s; {args.runs} runs per query")
    print(f"{'query':<34} {'median ms':>10} {'p95 ms':>8} {'matches':>8}")
    rows, every = measure(viewer, args.runs)
    for typed, median, p95, found in rows:
        print(f"{typed:<34} {median:>10.1f} {p95:>8.1f} {found:>8}")
    p95 = statistics.quantiles(every, n=20)[-1]
    print(f"{'every query together':<34} {statistics.median(every):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
