"""The radar's arithmetic: pure Python, no Django, no I/O.

Every number the health check, the activity signals, the inertia warning and the
advantage page show is computed here, so each formula is written once, named, and
checked by worked examples and hypothesis properties (tests/test_measures.py).

Sources
    ``gini``
        The population Gini coefficient (Gini 1912; as used for participation
        inequality in open-source community health, CHAOSS "Contributor Absence
        Factor" and "Inclusivity" metrics): the mean absolute difference over all
        ordered pairs, divided by twice the mean.
    ``elephant_factor``
        CHAOSS "Elephant Factor": the fewest organisations that together do at least
        half of the activity.
    ``org_balanced_mean``
        The scoring advice for partnership surveys (Nuffield Partnership Assessment
        Tool, Wilder inventory guidance): average within each organisation first,
        then across organisations, so a large partner cannot drown a small one.
    ``density`` and ``degree_centralisation``
        Social network analysis as the PARTNER tool reports it (Varda et al.):
        density is the share of possible ties present; degree centralisation is
        Freeman's (1978/79) undirected form, 1 for a star and 0 when every node has
        the same degree.

Invalid input (a negative value where values must be non-negative, a network with
more distinct ties or nodes than ``n`` allows) raises ``ValueError`` naming the
problem.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from decimal import Decimal
from math import fsum
from typing import Any


def _non_negative(values: Iterable[float]) -> list[float]:
    xs = [float(v) for v in values]
    if any(x < 0 for x in xs):
        raise ValueError("values must not be negative")
    return xs


def gini(values: Iterable[float]) -> float:
    """The population Gini coefficient of non-negative ``values``.

    0.0 is perfect equality (and the answer when there are no values or all are
    zero); (n - 1) / n is one value holding everything.

    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    >>> round(gini([1, 2, 3, 4]), 4)
    0.25
    """
    xs = sorted(_non_negative(values))
    n = len(xs)
    total = fsum(xs)
    if n == 0 or total == 0:
        return 0.0
    # sum over ordered pairs |xi - xj| = 2 * sum_i (2i - n - 1) * x_(i), i from 1 (sorted).
    weighted = fsum((2 * i - n - 1) * x for i, x in enumerate(xs, start=1))
    return max(0.0, weighted / (n * total))


def elephant_factor(values: Iterable[float] | Iterable[Decimal]) -> int:
    """The smallest number of the largest ``values`` whose sum is at least half the
    total; 0 when the total is 0. Decimals are summed exactly (money: the pool's
    contributions), floats as floats.

    >>> elephant_factor([10, 1, 1, 1])
    1
    >>> elephant_factor([3, 3, 3, 3])
    2
    >>> elephant_factor([Decimal("400"), Decimal("350"), Decimal("250")])
    2
    """
    xs: list[Any] = sorted(values, reverse=True)
    if xs and xs[-1] < 0:
        raise ValueError("values must not be negative")
    total = sum(xs)
    if total == 0:
        return 0
    running = 0 * total
    for count, x in enumerate(xs, start=1):
        running += x
        if 2 * running >= total:
            return count
    return len(xs)  # pragma: no cover  (floating point: the loop always returns)


def org_balanced_mean(answers: Iterable[tuple[Hashable, float]]) -> float | None:
    """The mean of each organisation's mean of ``answers`` ((organisation_key, value)
    pairs); None when there are none.

    >>> org_balanced_mean([("council", 5), ("council", 5), ("council", 5), ("charity", 1)])
    3.0
    """
    by_org: dict[Hashable, list[float]] = defaultdict(list)
    for key, value in answers:
        by_org[key].append(float(value))
    if not by_org:
        return None
    return fsum(fsum(vs) / len(vs) for vs in by_org.values()) / len(by_org)


def _distinct_ties(ties: Iterable[tuple[Hashable, Hashable]]) -> set[frozenset[Hashable]]:
    return {frozenset((a, b)) for a, b in ties if a != b}


def density(n: int, ties: Iterable[tuple[Hashable, Hashable]]) -> float:
    """Undirected ties among ``n`` nodes over the n(n - 1)/2 possible; duplicate ties
    (either direction) and self ties are ignored; 0.0 when n < 2.

    >>> density(4, [("a", "b"), ("b", "a"), ("c", "c"), ("c", "d")])
    0.3333333333333333
    """
    if n < 2:
        return 0.0
    distinct = _distinct_ties(ties)
    possible = n * (n - 1) // 2
    if len(distinct) > possible:
        raise ValueError(f"{len(distinct)} distinct ties cannot join only {n} nodes")
    return len(distinct) / possible


def degree_centralisation(n: int, ties: Iterable[tuple[Hashable, Hashable]]) -> float:
    """Freeman's undirected degree centralisation: the sum over nodes of (largest
    degree - degree), over (n - 1)(n - 2), its value for a star. Nodes in no tie
    have degree 0; duplicate and self ties are ignored; 0.0 when n < 3.

    >>> degree_centralisation(4, [("hub", "a"), ("hub", "b"), ("hub", "c")])
    1.0
    >>> degree_centralisation(3, [("a", "b"), ("b", "c"), ("c", "a")])
    0.0
    """
    if n < 3:
        return 0.0
    degree: dict[Hashable, int] = defaultdict(int)
    for tie in _distinct_ties(ties):
        for node in tie:
            degree[node] += 1
    if len(degree) > n:
        raise ValueError(f"ties name {len(degree)} nodes, more than {n}")
    degrees = [*degree.values(), *([0] * (n - len(degree)))]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


# --- progress on outcomes (issue 12, point 1: the progress app) ------------------------------
#
# Source: the "trajectory" or "line of sight" reading of Results-Based Accountability
# (Friedman, *Trying Hard Is Not Good Enough*, 2005) and of programme dashboards
# (the RAG status of UK government major projects): an indicator is judged against
# the straight line from where it started to where it should be by its target date,
# not against the target alone, so a partnership sees early that it is falling behind.

from datetime import date  # noqa: E402  (this block's own import, so the rest of the file is untouched)

# At risk: behind the line by less than this share of the distance from baseline to target.
TRAJECTORY_TOLERANCE = 0.1
ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"


def trajectory_expected(
    *,
    baseline: float,
    baseline_on: date,
    target: float,
    target_on: date,
    on: date,
) -> float:
    """Where the straight line from (``baseline_on``, ``baseline``) to (``target_on``,
    ``target``) stands on ``on``: the baseline before the baseline date, the target
    from the target date on (and whenever the target date is not after the baseline's).

    >>> trajectory_expected(baseline=20, baseline_on=date(2026, 1, 1), target=60,
    ...                     target_on=date(2026, 4, 11), on=date(2026, 2, 20))
    40.0
    """
    span = (target_on - baseline_on).days
    if span <= 0:
        return float(target)
    share = min(1.0, max(0.0, (on - baseline_on).days / span))
    return float(baseline) + (float(target) - float(baseline)) * share


def trajectory_status(
    *,
    baseline: float,
    baseline_on: date,
    target: float,
    target_on: date,
    value: float,
    value_on: date,
    tolerance: float = TRAJECTORY_TOLERANCE,
) -> str:
    """ "on_track", "at_risk" or "off_track": ``value``, measured on ``value_on``,
    against the straight line from ``baseline`` (on ``baseline_on``) to ``target``
    (on ``target_on``; see ``trajectory_expected``).

    The target may be above the baseline (more carers advised) or below it (shorter
    waiting times): "behind" is short of the line in the target's direction. On or
    ahead of the line is on track; behind it by less than ``tolerance`` times the
    distance from baseline to target is at risk; further behind is off track. A
    target equal to its baseline means holding a level: any distance from it counts
    as behind, measured against ``tolerance`` times the target's size.

    Worked examples, a target of 60 from 20 over 100 days (the line reaches 40 half
    way, on day 50; the tolerance is 10% of 40, so 4):

    >>> line = dict(baseline=20, baseline_on=date(2026, 1, 1), target=60, target_on=date(2026, 4, 11))
    >>> trajectory_status(**line, value=41, value_on=date(2026, 2, 20))
    'on_track'
    >>> trajectory_status(**line, value=37, value_on=date(2026, 2, 20))
    'at_risk'
    >>> trajectory_status(**line, value=30, value_on=date(2026, 2, 20))
    'off_track'

    A falling target (waiting days from 40 down to 10), its mirror image:

    >>> falling = dict(baseline=40, baseline_on=date(2026, 1, 1), target=10, target_on=date(2026, 4, 11))
    >>> trajectory_status(**falling, value=24, value_on=date(2026, 2, 20))
    'on_track'
    >>> trajectory_status(**falling, value=27, value_on=date(2026, 2, 20))
    'at_risk'
    """
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    expected = trajectory_expected(
        baseline=baseline, baseline_on=baseline_on, target=target, target_on=target_on, on=value_on
    )
    distance = float(target) - float(baseline)
    if distance == 0:
        behind = abs(float(value) - expected)
        allowed = tolerance * abs(float(target))
    else:
        behind = (expected - float(value)) * (1 if distance > 0 else -1)
        allowed = tolerance * abs(distance)
    if behind <= 0:
        return ON_TRACK
    return AT_RISK if behind < allowed else OFF_TRACK


def progress_share(*, baseline: float, target: float, value: float) -> float | None:
    """How far ``value`` has come from ``baseline`` towards ``target``, as a share of
    the way (0 at the baseline, 1 at the target; negative when it went the wrong way,
    above 1 past the target). None when the target equals the baseline.

    >>> progress_share(baseline=20, target=60, value=50)
    0.75
    >>> progress_share(baseline=40, target=10, value=46)
    -0.2
    """
    distance = float(target) - float(baseline)
    if distance == 0:
        return None
    return (float(value) - float(baseline)) / distance
