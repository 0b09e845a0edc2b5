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
