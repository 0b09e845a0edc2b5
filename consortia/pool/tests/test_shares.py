"""The fair-shares arithmetic: worked examples, and hypothesis against brute force."""

from decimal import Decimal
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from consortia.pool.shares import ShareRow, elephant_factor, load_sentence, percent, share_rows, shares

D = Decimal
money = st.decimals(min_value=-100, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


def test_it_gives_each_partner_its_share_of_the_total():
    assert shares({"a": D(600), "b": D(300), "c": D(100)}) == {"a": D("0.6"), "b": D("0.3"), "c": D("0.1")}


def test_it_gives_every_share_zero_when_nothing_was_contributed():
    assert shares({"a": D(0), "b": D(0)}) == {"a": D(0), "b": D(0)}
    assert shares({}) == {}


def test_it_counts_a_negative_total_as_nothing():
    assert shares({"a": D(-50), "b": D(50)}) == {"a": D(0), "b": D(1)}


def test_it_finds_the_elephant_factor_of_the_worked_examples():
    assert elephant_factor({"a": D(600), "b": D(300), "c": D(100)}) == 1
    assert elephant_factor({"a": D(400), "b": D(350), "c": D(250)}) == 2
    assert elephant_factor({"a": D(500), "b": D(500)}) == 1
    assert elephant_factor({"a": D(0)}) is None
    assert elephant_factor({}) is None


@given(st.dictionaries(st.integers(0, 20), money, max_size=8))
def test_shares_add_up_to_one_when_anything_was_given(values):
    result = shares(values)
    assert set(result) == set(values)
    assert all(D(0) <= share <= D(1) for share in result.values())
    if any(value > 0 for value in values.values()):
        assert abs(sum(result.values()) - 1) < D("1e-20")


@given(st.lists(money, max_size=7))
def test_the_elephant_factor_is_the_fewest_partners_providing_half(amounts):
    values = dict(enumerate(amounts))
    kept = [max(a, D(0)) for a in amounts]
    total = sum(kept, D(0))
    factor = elephant_factor(values)
    if total <= 0:
        assert factor is None
        return
    fewest = min(
        size
        for size in range(1, len(kept) + 1)
        if any(sum(group, D(0)) * 2 >= total for group in combinations(kept, size))
    )
    assert factor == fewest


def test_it_lists_every_partner_largest_contributor_first():
    rows = share_rows(
        {1: "Council", 2: "Pharmacy", 3: "Carers centre"},
        contributed={1: D(700), 3: D(300)},
        benefited={2: D(100), 3: D(100)},
        voice={1: 2, 2: 1, 3: 1},
    )
    assert [row.name for row in rows] == ["Council", "Carers centre", "Pharmacy"]
    council, carers, pharmacy = rows
    assert carers.contribution_share == D("0.3")
    assert (council.contribution_share, council.benefit_share, council.voice_share) == (
        D("0.7"),
        D(0),
        D("0.5"),
    )
    assert pharmacy.contributed == D(0) and pharmacy.benefit_share == D("0.5")
    assert council.gap == D("0.7") and pharmacy.gap == D("-0.5")


def test_it_says_so_plainly_when_one_partner_carries_most_of_the_load():
    rows = share_rows(
        {1: "Northshire Council", 2: "Pharmacy", 3: "Carers centre"},
        contributed={1: D(700), 2: D(200), 3: D(100)},
        benefited={2: D(1)},
        voice={1: 1, 2: 1, 3: 2},
    )
    assert load_sentence(rows) == (
        "Northshire Council provides 70% of everything contributed, more than the other 2 partners "
        "together, and receives 0% of the benefits and has 25% of the say in decisions."
    )


def test_it_says_nothing_when_the_load_is_shared():
    rows = share_rows({1: "A", 2: "B", 3: "C"}, {1: D(40), 2: D(35), 3: D(25)}, {}, {})
    assert load_sentence(rows) == ""


def test_it_says_nothing_of_a_partnership_of_one_or_with_nothing_given():
    assert load_sentence(share_rows({1: "A"}, {1: D(10)}, {}, {})) == ""
    assert load_sentence(share_rows({1: "A", 2: "B"}, {}, {}, {})) == ""


def test_it_says_as_much_as_at_exactly_half():
    rows = [
        ShareRow("A", D(50), D("0.5"), D(0), D(0), 0, D(0)),
        ShareRow("B", D(50), D("0.5"), D(0), D(0), 0, D(0)),
    ]
    assert "as much as the other 1 partner together" in load_sentence(rows)


def test_it_rounds_percentages_half_up():
    assert percent(D("0.625")) == "63%"
    assert percent(D("0.1249")) == "12%"
    assert percent(D(1)) == "100%"
