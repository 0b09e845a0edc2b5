"""The radar's arithmetic (consortia/health/measures.py): worked examples for every
function, and the properties the issue names, checked by hypothesis."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consortia.health.measures import degree_centralisation, density, elephant_factor, gini, org_balanced_mean

values = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False), max_size=30)
positive = st.lists(st.floats(min_value=0.01, max_value=1e6), min_size=1, max_size=30)


# --- gini ------------------------------------------------------------------------------------


def test_it_gives_worked_gini_coefficients():
    assert gini([]) == 0.0
    assert gini([0, 0, 0]) == 0.0
    assert gini([5]) == 0.0
    assert gini([1, 1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)  # one of four holds everything: (n-1)/n
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)  # mean |xi-xj| over 16 ordered pairs = 1.25, / (2 * 2.5)
    assert gini([1, 3]) == pytest.approx(0.25)  # pairs: |1-3| twice over 4, = 1, / (2 * 2)


def test_it_refuses_negative_values_for_gini():
    with pytest.raises(ValueError, match="negative"):
        gini([1, -1])


@given(st.floats(min_value=0.001, max_value=1e6), st.integers(min_value=1, max_value=40))
def test_it_gives_gini_zero_for_equal_values(value, n):
    assert gini([value] * n) == pytest.approx(0.0, abs=1e-9)


@given(positive, st.floats(min_value=0.01, max_value=1000))
def test_it_keeps_gini_when_values_are_scaled(xs, factor):
    assert gini([x * factor for x in xs]) == pytest.approx(gini(xs), abs=1e-9)


@given(values)
def test_it_keeps_gini_within_zero_and_one(xs):
    assert 0.0 <= gini(xs) < 1.0


@given(positive)
def test_it_matches_the_definition_of_gini(xs):
    n, mean = len(xs), sum(xs) / len(xs)
    pairs = sum(abs(a - b) for a in xs for b in xs) / (n * n)
    assert gini(xs) == pytest.approx(pairs / (2 * mean), abs=1e-9)


# --- elephant_factor ---------------------------------------------------------------------------


def test_it_gives_worked_elephant_factors():
    assert elephant_factor([]) == 0
    assert elephant_factor([0, 0]) == 0
    assert elephant_factor([10, 1, 1, 1]) == 1
    assert elephant_factor([3, 3, 3, 3]) == 2  # two of four make exactly half
    assert elephant_factor([5, 4, 3, 2, 1]) == 2  # 5 + 4 = 9 of 15 is over half; 5 alone is not
    assert elephant_factor([1, 1, 1]) == 2


@given(values)
def test_it_keeps_the_elephant_factor_between_one_and_n(xs):
    factor = elephant_factor(xs)
    if sum(xs) > 0:
        assert 1 <= factor <= len(xs)
    else:
        assert factor == 0


@given(positive)
def test_it_makes_the_elephant_factor_the_fewest_that_do_half(xs):
    k = elephant_factor(xs)
    top = sorted(xs, reverse=True)
    total = math.fsum(xs)
    assert 2 * math.fsum(top[:k]) >= total * (1 - 1e-12)
    assert 2 * math.fsum(top[: k - 1]) < total


# --- org_balanced_mean -------------------------------------------------------------------------


def test_it_gives_worked_org_balanced_means():
    assert org_balanced_mean([]) is None
    assert org_balanced_mean([("a", 4)]) == 4.0
    # Three from the council say 5, one from the charity says 1: 3, not the plain mean 4.
    assert org_balanced_mean([("council", 5), ("council", 5), ("council", 5), ("charity", 1)]) == 3.0
    # (mean of a: 2, mean of b: 4, mean of c: 3) / 3
    assert org_balanced_mean([("a", 1), ("a", 3), ("b", 4), ("c", 3)]) == pytest.approx(3.0)
    # None is a key like any other: the individual participants form one group.
    assert org_balanced_mean([(None, 2), (None, 4), ("a", 5)]) == pytest.approx(4.0)


answers = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.integers(min_value=1, max_value=5)),
    min_size=1,
    max_size=40,
)


@given(answers, st.integers(min_value=1, max_value=20))
def test_it_is_not_moved_by_copies_of_a_big_organisations_answers(pairs, copies):
    big = max({k for k, _ in pairs}, key=lambda k: sum(1 for key, _ in pairs if key == k))
    mine = [pair for pair in pairs if pair[0] == big]
    assert org_balanced_mean(pairs + mine * copies) == pytest.approx(org_balanced_mean(pairs))


@given(answers)
def test_it_stays_within_the_answers_range(pairs):
    mean = org_balanced_mean(pairs)
    assert min(v for _, v in pairs) - 1e-9 <= mean <= max(v for _, v in pairs) + 1e-9


# --- density and degree_centralisation ---------------------------------------------------------


def test_it_gives_worked_densities():
    assert density(0, []) == 0.0
    assert density(1, [("a", "a")]) == 0.0
    assert density(2, [("a", "b")]) == 1.0
    assert density(4, [("a", "b"), ("b", "a"), ("c", "c"), ("c", "d")]) == pytest.approx(1 / 3)
    assert density(5, []) == 0.0


def test_it_refuses_more_ties_than_the_nodes_allow():
    with pytest.raises(ValueError):
        density(2, [("a", "b"), ("b", "c")])
    with pytest.raises(ValueError):
        degree_centralisation(3, [("a", "b"), ("c", "d")])


def test_it_gives_worked_centralisations():
    assert degree_centralisation(2, [("a", "b")]) == 0.0
    assert degree_centralisation(4, [("hub", "a"), ("hub", "b"), ("hub", "c")]) == 1.0
    assert degree_centralisation(3, [("a", "b"), ("b", "c"), ("c", "a")]) == 0.0
    # A line a-b-c-d: degrees 1, 2, 2, 1; sum of (2 - d) = 2, over (3 * 2).
    assert degree_centralisation(4, [("a", "b"), ("b", "c"), ("c", "d")]) == pytest.approx(1 / 3)
    # Nodes in no tie count with degree 0: a star of 3 among 5 nodes.
    assert degree_centralisation(5, [("h", "a"), ("h", "b")]) == pytest.approx((0 + 1 + 1 + 2 + 2) / 12)


@given(st.integers(min_value=3, max_value=40))
def test_it_gives_a_star_centralisation_one(n):
    star = [("hub", f"leaf{i}") for i in range(n - 1)]
    assert degree_centralisation(n, star) == pytest.approx(1.0)


@given(st.integers(min_value=2, max_value=30))
def test_it_gives_a_complete_graph_density_one_and_centralisation_zero(n):
    nodes = [f"n{i}" for i in range(n)]
    complete = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]
    assert density(n, complete) == pytest.approx(1.0)
    assert degree_centralisation(n, complete) == pytest.approx(0.0)


ties = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=30)


@given(ties)
def test_it_ignores_duplicate_reversed_and_self_ties_in_density(pairs):
    noisy = pairs + [(b, a) for a, b in pairs] + [(a, a) for a, _ in pairs] + pairs
    assert density(8, noisy) == density(8, pairs)
    assert degree_centralisation(8, noisy) == degree_centralisation(8, pairs)


@given(ties)
def test_it_keeps_density_and_centralisation_within_zero_and_one(pairs):
    assert 0.0 <= density(8, pairs) <= 1.0
    assert 0.0 <= degree_centralisation(8, pairs) <= 1.0 + 1e-12
