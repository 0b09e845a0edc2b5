"""Unit tests for the counting engine, anchored on published worked examples."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from consortia.decisions import counting
from consortia.decisions.counting import (
    Ballot,
    approval_totals,
    borda,
    dot_vote_totals,
    instant_runoff,
    plurality,
    schulze,
    score_totals,
)

MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE_OPTIONS = [MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE]
# Wikipedia's "Tennessee capital" example, as percentages of the electorate.
TENNESSEE = [
    ([MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE], 42),
    ([NASHVILLE, CHATTANOOGA, KNOXVILLE, MEMPHIS], 26),
    ([CHATTANOOGA, KNOXVILLE, NASHVILLE, MEMPHIS], 15),
    ([KNOXVILLE, CHATTANOOGA, NASHVILLE, MEMPHIS], 17),
]

# Wikipedia's "Schulze method" example: 45 voters, 5 candidates.
SCHULZE_EXAMPLE = [
    (list(ranking), count)
    for count, ranking in [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ]
]
ABCDE = list("ABCDE")


# --- the published worked examples --------------------------------------------------


def test_tennessee_plurality_elects_memphis():
    result = plurality(TENNESSEE_OPTIONS, TENNESSEE)
    assert result.winner == MEMPHIS
    assert result.totals == {MEMPHIS: 42, NASHVILLE: 26, CHATTANOOGA: 15, KNOXVILLE: 17}
    assert result.ballots == 100


def test_tennessee_instant_runoff_elects_knoxville_with_the_rounds_as_reasons():
    result = instant_runoff(TENNESSEE_OPTIONS, TENNESSEE)
    assert result.winner == KNOXVILLE
    assert result.winners == [KNOXVILLE]
    assert not result.tie_broken
    assert [r.eliminated for r in result.rounds] == [CHATTANOOGA, NASHVILLE, None]
    assert result.rounds[1].tallies == {MEMPHIS: 42, NASHVILLE: 26, KNOXVILLE: 32}
    assert result.rounds[2].tallies == {MEMPHIS: 42, KNOXVILLE: 58}
    assert result.rounds[2].elected == KNOXVILLE
    assert result.ranking == [KNOXVILLE, MEMPHIS, NASHVILLE, CHATTANOOGA]


def test_tennessee_schulze_elects_the_condorcet_winner_nashville():
    result = schulze(TENNESSEE_OPTIONS, TENNESSEE)
    assert result.winner == NASHVILLE
    assert result.d[NASHVILLE] == {MEMPHIS: 58, CHATTANOOGA: 68, KNOXVILLE: 68}
    assert result.ranking == [NASHVILLE, CHATTANOOGA, KNOXVILLE, MEMPHIS]


def test_tennessee_borda_elects_nashville():
    result = borda(TENNESSEE_OPTIONS, TENNESSEE)
    assert result.winner == NASHVILLE
    assert result.totals == {MEMPHIS: 126, NASHVILLE: 194, CHATTANOOGA: 173, KNOXVILLE: 107}


def test_wikipedia_schulze_example_elects_e_with_ranking_e_a_c_b_d():
    result = schulze(ABCDE, SCHULZE_EXAMPLE)
    assert result.winner == "E"
    assert result.winners == ["E"]
    assert result.ranking == ["E", "A", "C", "B", "D"]
    assert result.ballots == 45


def test_wikipedia_schulze_example_pairwise_matrix():
    d = schulze(ABCDE, SCHULZE_EXAMPLE).d
    assert d == {
        "A": {"B": 20, "C": 26, "D": 30, "E": 22},
        "B": {"A": 25, "C": 16, "D": 33, "E": 18},
        "C": {"A": 19, "B": 29, "D": 17, "E": 24},
        "D": {"A": 15, "B": 12, "C": 28, "E": 14},
        "E": {"A": 23, "B": 27, "C": 21, "D": 31},
    }


def test_wikipedia_schulze_example_strongest_paths():
    p = schulze(ABCDE, SCHULZE_EXAMPLE).p
    assert p == {
        "A": {"B": 28, "C": 28, "D": 30, "E": 24},
        "B": {"A": 25, "C": 28, "D": 33, "E": 24},
        "C": {"A": 25, "B": 29, "D": 29, "E": 24},
        "D": {"A": 25, "B": 28, "C": 28, "E": 24},
        "E": {"A": 25, "B": 28, "C": 28, "D": 31},
    }


# --- ballot forms -------------------------------------------------------------------


def test_ballot_forms_list_pair_and_dataclass_count_the_same():
    as_lists = [["A", "B"]] * 3 + [["B", "A"]] * 2
    as_pairs = [(["A", "B"], 3), (["B", "A"], 2)]
    as_ballots = [Ballot(("A", "B"), 3), Ballot(["B", "A"], 2)]
    for method in (plurality, borda, instant_runoff, schulze):
        results = {repr(method(["A", "B"], form)) for form in (as_lists, as_pairs, as_ballots)}
        assert len(results) == 1, method.__name__


def test_zero_count_ballots_are_ignored():
    result = plurality(["A", "B"], [(["B"], 0), (["A"], 1)])
    assert result.totals == {"A": 1, "B": 0}
    assert result.ballots == 1


def test_results_are_deterministic_for_the_same_input():
    first = schulze(ABCDE, SCHULZE_EXAMPLE)
    assert all(schulze(ABCDE, SCHULZE_EXAMPLE) == first for _ in range(3))


# --- empty and partial ballots --------------------------------------------------------


@pytest.mark.parametrize("method", [plurality, borda, instant_runoff, schulze])
@pytest.mark.parametrize("ballots", [[], [[]], [([], 4)]])
def test_no_votes_means_no_winner(method, ballots):
    result = method(["A", "B"], ballots)
    assert result.winner is None
    assert result.winners == []
    assert result.ballots == 0


@pytest.mark.parametrize("method", [score_totals, dot_vote_totals, approval_totals])
def test_cardinal_methods_with_no_ballots_have_no_winner(method):
    result = method(["A", "B"], [])
    assert result.winner is None
    assert result.totals == {"A": 0, "B": 0}


def test_borda_gives_unranked_options_nothing():
    result = borda(["A", "B", "C"], [["A"], ["B", "C"]])
    assert result.totals == {"A": 2, "B": 2, "C": 1}


def test_schulze_prefers_ranked_options_to_unranked_ones():
    result = schulze(["A", "B", "C"], [["C"], ["C"], ["B", "A"]])
    assert result.d["C"] == {"A": 2, "B": 2}
    assert result.d["A"]["B"] == 0
    assert result.d["B"]["A"] == 1
    assert result.ranking == ["C", "B", "A"]


def test_instant_runoff_exhausts_partial_ballots_and_needs_a_majority_of_continuing_ones():
    ballots = [(["A"], 4), (["B", "C"], 2), (["C"], 3), (["D"], 1)]
    result = instant_runoff(["A", "B", "C", "D"], ballots)
    # D is eliminated first: that ballot exhausts; then B passes to C.
    assert [r.eliminated for r in result.rounds[:2]] == ["D", "B"]
    assert result.rounds[1].exhausted == 1
    assert result.rounds[2].tallies == {"A": 4, "C": 5}
    assert result.winner == "C"
    assert "continuing" in result.rounds[2].reason


def test_instant_runoff_elects_a_first_round_majority_without_eliminations():
    result = instant_runoff(["A", "B", "C"], [(["A"], 3), (["B"], 1), (["C"], 1)])
    assert result.winner == "A"
    assert len(result.rounds) == 1
    assert result.rounds[0].elected == "A"


# --- ties -----------------------------------------------------------------------------


def test_plurality_tie_lists_the_tied_and_elects_the_first_listed():
    result = plurality(["A", "B", "C"], [["B"], ["C"], ["A", "B"]])
    assert result.winners == ["A", "B", "C"]
    assert result.winner == "A"
    assert result.tie_broken
    result = plurality(["C", "B", "A"], [["B"], ["C"], ["A", "B"]])
    assert result.winner == "C"


def test_borda_tie_is_broken_by_options_order():
    result = borda(["A", "B"], [["A", "B"], ["B", "A"]])
    assert result.winners == ["A", "B"]
    assert result.winner == "A"


def test_schulze_tie_in_a_perfect_cycle_lists_all_and_elects_the_first_listed():
    ballots = [["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]]
    result = schulze(["B", "A", "C"], ballots)
    assert result.winners == ["B", "A", "C"]
    assert result.winner == "B"
    assert result.tie_broken


def test_instant_runoff_two_tied_finalists_are_both_in_winners():
    result = instant_runoff(["A", "B"], [["A"], ["B"]])
    assert result.winners == ["A", "B"]
    assert result.winner == "A"
    assert result.tie_broken
    assert result.rounds[0].eliminated == "B"
    assert result.rounds[0].tied == ["A", "B"]
    assert "listed last" in result.rounds[0].reason


def test_instant_runoff_breaks_an_elimination_tie_by_the_previous_round():
    # Round 1: D (1) out. Its ballot goes to C, so B and C tie on 3 in round 2;
    # C had fewer votes in round 1 (2 vs 3), so C is eliminated, not B.
    ballots = [(["A"], 4), (["B"], 3), (["C"], 2), (["D", "C"], 1)]
    result = instant_runoff(["A", "B", "C", "D"], ballots)
    assert result.rounds[1].tallies == {"A": 4, "B": 3, "C": 3}
    assert result.rounds[1].eliminated == "C"
    assert result.rounds[1].tied == ["B", "C"]
    assert "round 1" in result.rounds[1].reason
    assert result.tie_broken
    assert result.winner == "A"


def test_instant_runoff_eliminates_the_last_listed_when_no_round_separates_the_tie():
    ballots = [(["A"], 4), (["B"], 2), (["C"], 2)]
    result = instant_runoff(["A", "B", "C"], ballots)
    assert result.rounds[0].eliminated == "C"
    result = instant_runoff(["A", "C", "B"], ballots)
    assert result.rounds[0].eliminated == "B"


def test_cardinal_ties_are_broken_by_options_order():
    result = score_totals(["X", "Y"], [{"X": 3, "Y": 3}])
    assert (result.winner, result.winners) == ("X", ["X", "Y"])


# --- cardinal methods -----------------------------------------------------------------


def test_score_totals_add_up_scores_and_rank_options():
    result = score_totals(["A", "B", "C"], [{"A": 5, "B": 7}, {"A": 4, "C": 10}, {"B": 1.5}])
    assert result.totals == {"A": 9, "B": 8.5, "C": 10}
    assert result.winner == "C"
    assert result.ranking == ["C", "A", "B"]
    assert result.ballots == 3


def test_approval_totals_count_each_option_once_per_ballot():
    result = approval_totals(["A", "B", "C"], [{"A", "B"}, {"B"}, ["C", "C"], set()])
    assert result.totals == {"A": 1, "B": 2, "C": 1}
    assert result.winner == "B"
    assert result.ballots == 4


def test_dot_vote_totals_add_up_dots():
    result = dot_vote_totals(["A", "B"], [{"A": 6, "B": 2}, {"B": 8}])
    assert result.totals == {"A": 6, "B": 10}
    assert result.winner == "B"


# --- validation -------------------------------------------------------------------------


@pytest.mark.parametrize("method", [plurality, borda, instant_runoff, schulze])
@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        ([["A", "Z"]], "unknown option 'Z'"),
        ([["A", "B", "A"]], "more than once"),
        ([(["A"], -1)], "must not be negative"),
        ([Ballot(["A"], -2)], "must not be negative"),
        ([Ballot(["A"], 1.5)], "must be an integer"),
        (["AB"], "must be a list"),
        ([None], "must be a list"),
    ],
)
def test_ranked_methods_reject_bad_ballots(method, ballots, message):
    with pytest.raises(ValueError, match=message):
        method(["A", "B"], ballots)


@pytest.mark.parametrize("method", [plurality, borda, instant_runoff, schulze, score_totals])
def test_duplicate_options_are_rejected(method):
    with pytest.raises(ValueError, match="duplicate option 'A'"):
        method(["A", "B", "A"], [])


@pytest.mark.parametrize(
    ("method", "ballots", "message"),
    [
        (score_totals, [{"Z": 1}], "unknown option 'Z'"),
        (score_totals, [{"A": "ten"}], "finite number"),
        (score_totals, [{"A": float("nan")}], "finite number"),
        (score_totals, [["A"]], "must map options"),
        (dot_vote_totals, [{"A": -1}], "must not be negative"),
        (dot_vote_totals, [{"A": True}], "finite number"),
        (approval_totals, [{"Z"}], "unknown option 'Z'"),
        (approval_totals, ["A"], "set of options"),
    ],
)
def test_cardinal_methods_reject_bad_ballots(method, ballots, message):
    with pytest.raises(ValueError, match=message):
        method(["A", "B"], ballots)


def test_score_totals_accept_negative_scores():
    assert score_totals(["A", "B"], [{"A": -2, "B": 1}]).totals == {"A": -2, "B": 1}


# --- purity -------------------------------------------------------------------------------


def test_counting_module_imports_nothing_from_django_or_the_project():
    tree = ast.parse(Path(counting.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= {"__future__", "collections", "dataclasses", "math", "numbers", "typing"}


def test_counting_module_loads_without_django():
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('counting', {counting.__file__!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "sys.modules['counting'] = module\n"
        "spec.loader.exec_module(module)\n"
        "assert module.plurality(['A'], [['A']]).winner == 'A'\n"
        "assert not any(name == 'django' or name.startswith('django.') for name in sys.modules), 'django imported'\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
