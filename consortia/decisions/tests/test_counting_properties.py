"""Property tests: our counting agrees with the independent `pref_voting` package.

Random profiles of 3-6 candidates and 1-60 voters. pref_voting returns the set of
tied winners, so we compare that set with our ``winners`` (the ties before our
tie-break), and check that our single ``winner`` is one of them.
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from pref_voting.iterative_methods import instant_runoff as pv_instant_runoff
from pref_voting.iterative_methods import (
    instant_runoff_for_truncated_linear_orders,
    instant_runoff_put,
)
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile
from pref_voting.profiles_with_ties import ProfileWithTies
from pref_voting.scoring_methods import borda as pv_borda
from pref_voting.scoring_methods import plurality as pv_plurality

from consortia.decisions.counting import borda, instant_runoff, plurality, schulze

# Deterministic in CI: the same examples every run, no flaky deadlines.
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None)


@st.composite
def full_profiles(draw):
    n = draw(st.integers(min_value=3, max_value=6))
    rankings = draw(st.lists(st.permutations(range(n)), min_size=1, max_size=60))
    return n, [list(r) for r in rankings]


@st.composite
def partial_profiles(draw):
    n, rankings = draw(full_profiles())
    lengths = draw(
        st.lists(st.integers(min_value=1, max_value=n), min_size=len(rankings), max_size=len(rankings))
    )
    return n, [r[:k] for r, k in zip(rankings, lengths, strict=True)]


def _with_ties(n, rankings):
    return ProfileWithTies(
        [{c: place + 1 for place, c in enumerate(r)} for r in rankings], candidates=list(range(n))
    )


@PROPERTY_SETTINGS
@given(full_profiles())
def test_plurality_matches_pref_voting(profile):
    n, rankings = profile
    ours = plurality(list(range(n)), rankings)
    assert ours.winners == pv_plurality(Profile(rankings))
    assert ours.winner in ours.winners


@PROPERTY_SETTINGS
@given(partial_profiles())
def test_plurality_on_partial_ballots_matches_pref_voting_scores(profile):
    n, rankings = profile
    ours = plurality(list(range(n)), rankings)
    assert ours.totals == _with_ties(n, rankings).plurality_scores()


@PROPERTY_SETTINGS
@given(full_profiles())
def test_borda_matches_pref_voting(profile):
    n, rankings = profile
    ours = borda(list(range(n)), rankings)
    pv_profile = Profile(rankings)
    assert ours.winners == pv_borda(pv_profile)
    assert ours.totals == pv_profile.borda_scores()


@PROPERTY_SETTINGS
@given(full_profiles())
def test_schulze_matches_pref_voting_beat_path(profile):
    n, rankings = profile
    ours = schulze(list(range(n)), rankings)
    assert ours.winners == beat_path(Profile(rankings))
    assert ours.ranking[: len(ours.winners)] == ours.winners


@PROPERTY_SETTINGS
@given(partial_profiles())
def test_schulze_on_partial_ballots_matches_pref_voting_with_winning_votes(profile):
    n, rankings = profile
    pv_profile = _with_ties(n, rankings)
    # Ranked options beat unranked ones; path strength is the winning votes.
    pv_profile.use_extended_strict_preference()
    ours = schulze(list(range(n)), rankings)
    assert ours.winners == beat_path(pv_profile, strength_function=pv_profile.support)


@PROPERTY_SETTINGS
@given(full_profiles())
def test_instant_runoff_matches_pref_voting(profile):
    n, rankings = profile
    ours = instant_runoff(list(range(n)), rankings)
    pv_profile = Profile(rankings)
    # Our one-at-a-time elimination is one of the "parallel universes" of IRV-PUT.
    assert ours.winner in instant_runoff_put(pv_profile)
    if not ours.tie_broken:
        assert ours.winners == [ours.winner] == pv_instant_runoff(pv_profile)


@PROPERTY_SETTINGS
@given(partial_profiles())
def test_instant_runoff_on_partial_ballots_matches_pref_voting(profile):
    n, rankings = profile
    ours = instant_runoff(list(range(n)), rankings)
    if not ours.tie_broken:
        assert [ours.winner] == instant_runoff_for_truncated_linear_orders(_with_ties(n, rankings))
