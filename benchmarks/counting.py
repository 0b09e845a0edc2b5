"""Time the counting engine beside pref_voting on 100,000 ranked ballots over 10 options.

Run: .venv/bin/python benchmarks/counting.py [--ballots N] [--options M] [--seed S]

Not a test: it prints a table of timings (ms, best of --repeat runs) and whether
the winners agree. Ballots are uniformly random full rankings from a fixed seed, so
almost every ranking is distinct: the worst case for our aggregation. The pref_voting
column includes building its Profile once (shown on its own row), since our functions
take the raw ballots.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consortia.decisions import counting


def _best_ms(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--options", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    options = list(range(args.options))
    ballots = [rng.sample(options, len(options)) for _ in range(args.ballots)]

    try:
        from pref_voting.iterative_methods import instant_runoff as pv_irv
        from pref_voting.margin_based_methods import beat_path
        from pref_voting.profiles import Profile
        from pref_voting.scoring_methods import borda as pv_borda
        from pref_voting.scoring_methods import plurality as pv_plurality
    except ImportError:
        Profile = None  # type: ignore[assignment,misc]

    print(f"{args.ballots:,} random full rankings over {args.options} options (seed {args.seed})")
    rows: list[tuple[str, float, float | None, str]] = []
    profile = None
    if Profile is not None:
        build_ms, profile = _best_ms(lambda: Profile(ballots), 1)
        rows.append(("pref_voting Profile()", 0.0, build_ms, ""))

    methods: list[tuple[str, Callable[..., Any], Any]] = [
        ("plurality", counting.plurality, Profile and pv_plurality),
        ("borda", counting.borda, Profile and pv_borda),
        ("instant_runoff", counting.instant_runoff, Profile and pv_irv),
        ("schulze", counting.schulze, Profile and beat_path),
    ]
    for name, ours, theirs in methods:
        ours_ms, result = _best_ms(lambda ours=ours: ours(options, ballots), args.repeat)
        theirs_ms: float | None = None
        agree = "n/a (pref_voting not installed)"
        if profile is not None:
            theirs_ms, pv_winners = _best_ms(lambda theirs=theirs: theirs(profile), args.repeat)
            agree = "yes" if result.winners == list(pv_winners) else f"NO: {result.winners} vs {pv_winners}"
        rows.append((name, ours_ms, theirs_ms, f"winner {result.winner}; agree: {agree}"))

    print(f"{'method':<22} {'ours ms':>10} {'pref_voting ms':>15}  result")
    for name, ours_ms, theirs_ms, note in rows:
        theirs = f"{theirs_ms:15.1f}" if theirs_ms is not None else f"{'-':>15}"
        ours_text = f"{ours_ms:10.1f}" if ours_ms else f"{'-':>10}"
        print(f"{name:<22} {ours_text} {theirs}  {note}")


if __name__ == "__main__":
    main()
