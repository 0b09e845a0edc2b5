"""Scoring a closed round (consortia/health/selectors.py): organisation-balanced
factor scores and their bands, the threshold of three, each organisation's own mean
and the spread, trends, the partners' received trust and value, the reported
network, and the contract the radar and the activity network read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.factories import (
    PartnerFactory,
    RatingFactory,
    RoundFactory,
    health_response,
    health_round_closed,
)
from consortia.health.questions import FACTORS
from consortia.health.selectors import (
    MIN_RESPONDENTS,
    band_of,
    factor_scores,
    factor_scores_latest,
    ratings_summary,
    reported_network,
)

pytestmark = pytest.mark.django_db


def _by_key(scores):
    return {s.key: s for s in scores}


def test_the_threshold_is_three():
    assert MIN_RESPONDENTS == 3


@pytest.mark.parametrize(
    ("score", "band"),
    [(5.0, "strength"), (4.0, "strength"), (3.96, "strength"), (3.94, "borderline"), (3.0, "borderline"),
     (2.94, "concern"), (1.0, "concern"), (None, "")],
)  # fmt: skip
def test_it_bands_a_score_as_shown_to_one_decimal(score, band):
    assert band_of(score) == band


def test_it_scores_each_factor_organisation_balanced(world, round):
    for _ in range(3):
        health_response(round, world.core_org, 5)
    for _ in range(3):
        health_response(round, world.convener_org, 2)
    health_round_closed(round)
    scores = factor_scores(round)
    assert [s.key for s in scores] == [f.key for f in FACTORS]
    trust = _by_key(scores)["trust"]
    assert trust.score == pytest.approx(3.5) and trust.band == "borderline"
    assert trust.respondents == 6 and trust.organisations == 2
    assert trust.by_organisation == (("Core Org", 5.0), ("Convener Org", 2.0))
    assert trust.spread == pytest.approx(3.0)


def test_a_large_partner_does_not_drown_a_small_one(world, round):
    for _ in range(12):
        health_response(round, world.core_org, 5)
    for _ in range(3):
        health_response(round, world.observer_org, 1)
    health_round_closed(round)
    assert _by_key(factor_scores(round))["results"].score == pytest.approx(3.0)


def test_it_leaves_out_dont_know_and_gives_no_score_under_three_respondents(world, round):
    health_response(round, world.core_org, 4)
    health_response(round, world.core_org, 4)
    health_response(round, world.core_org, 4, trust_1=None, trust_2=None, trust_3=None)
    health_response(round, world.core_org, 2, vision_1=None)
    health_round_closed(round)
    scores = _by_key(factor_scores(round))
    # Vision: three answered 4, one answered 2 to two of its three statements.
    assert scores["vision"].score == pytest.approx((4 * 9 + 2 * 2) / 11)
    assert scores["trust"].respondents == 3
    only = RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
    health_response(only, world.core_org, 4)
    health_response(only, world.core_org, 4, trust_1=None, trust_2=None, trust_3=None)
    health_response(only, world.convener_org, 4)
    trust = _by_key(factor_scores(only))["trust"]
    assert (trust.score, trust.band, trust.spread, trust.respondents, trust.organisations) == (
        None,
        "",
        None,
        0,
        0,
    )


def test_it_shows_an_organisations_own_mean_only_from_three_of_its_people(world, round):
    for _ in range(3):
        health_response(round, world.core_org, 5)
    for _ in range(3):
        health_response(round, world.convener_org, 3)
    health_response(round, world.observer_org, 1)
    health_response(round, world.observer_org, 1)
    health_response(round, None, 2)  # an individual participant: the rest make three
    health_round_closed(round)
    results = _by_key(factor_scores(round))["results"]
    assert [label for label, _ in results.by_organisation] == ["Core Org", "Convener Org"]
    assert results.spread == pytest.approx(2.0)


def test_it_shows_no_organisation_when_the_rest_are_one_or_two_people(world, round):
    """With Core Org's own mean and the overall score shown, one Observer Org answer
    could be worked out: so neither organisation is shown on its own."""
    for _ in range(4):
        health_response(round, world.core_org, 5)
    health_response(round, world.observer_org, 1)
    health_round_closed(round)
    results = _by_key(factor_scores(round))["results"]
    assert results.score == pytest.approx(3.0)
    assert results.by_organisation == () and results.spread is None


def test_it_shows_no_spread_for_one_organisation(world, round):
    for _ in range(3):
        health_response(round, world.core_org, 4)
    health_round_closed(round)
    results = _by_key(factor_scores(round))["results"]
    assert results.by_organisation == (("Core Org", 4.0),) and results.spread is None


def test_it_gives_the_previous_rounds_score_for_the_trend(world, round):
    for _ in range(3):
        health_response(round, world.core_org, 2)
    health_round_closed(round)
    round.closed_at = timezone.now() - timedelta(days=90)
    round.save()
    latest = RoundFactory(partnership=world.partnership)
    for _ in range(3):
        health_response(latest, world.core_org, 4)
    assert factor_scores(latest) == []  # open: nothing but the count
    health_round_closed(latest)
    scores = _by_key(factor_scores_latest(partnership=world.partnership))
    assert scores["trust"].score == 4.0 and scores["trust"].previous == 2.0
    earlier = _by_key(factor_scores(round))
    assert earlier["trust"].previous is None


def test_the_contract_is_empty_before_any_round_closes(world, round):
    assert factor_scores_latest(partnership=world.partnership) == []
    assert reported_network(partnership=world.partnership) is None


@pytest.mark.parametrize("n", [3, 60])
def test_the_contract_costs_the_same_queries_for_few_or_many_answers(
    world, round, n, django_assert_num_queries
):
    for i in range(n):
        health_response(round, [world.core_org, world.convener_org, None][i % 3], 1 + i % 5)
    health_round_closed(round)
    previous = RoundFactory(
        partnership=world.partnership, status="closed", closed_at=timezone.now() - timedelta(days=1)
    )
    health_response(previous, world.core_org, 3)
    world.partnership.refresh_from_db()
    # The latest closed round; the two latest closed rounds; the active partners and their
    # representatives (the group labels); the answers of both rounds.
    with django_assert_num_queries(5):
        assert len(factor_scores_latest(partnership=world.partnership)) == 10


# --- relationship ratings ------------------------------------------------------------------------


def test_it_shows_a_partners_trust_and_value_only_from_three_raters(world, round):
    fourth = PartnerFactory(partnership=world.partnership, role="core")
    for rater in (world.core_partner, world.observer_partner, fourth):
        RatingFactory(
            round=round, rater=rater, rated=world.convener_partner, reliable=4, mission=4, openness=1
        )
    RatingFactory(round=round, rater=world.convener_partner, rated=world.core_partner)
    RatingFactory(round=round, rater=fourth, rated=world.core_partner, influence=1)
    health_round_closed(round)
    summary = ratings_summary(round)
    standings = {s.label: s for s in summary.standings}
    convener = standings["Convener Org"]
    assert (
        convener.raters == 3 and convener.trust == pytest.approx(3.0) and convener.value == pytest.approx(3.0)
    )
    core = standings["Core Org"]
    assert core.raters == 2 and core.trust is None and core.value is None
    assert standings[fourth.organisation.name].rated == 2


def test_the_reported_network_has_every_partner_and_each_tie_once(world, round):
    RatingFactory(round=round, rater=world.core_partner, rated=world.convener_partner)
    RatingFactory(round=round, rater=world.convener_partner, rated=world.core_partner)
    RatingFactory(round=round, rater=world.observer_partner, rated=world.convener_partner)
    health_round_closed(round)
    network = reported_network(partnership=world.partnership)
    assert {n.label for n in network.nodes} == {"Convener Org", "Core Org", "Observer Org"}
    assert sorted(t.weight for t in network.ties) == [1.0, 2.0]
    assert network.density == pytest.approx(2 / 3)
    assert network.centralisation == pytest.approx(1.0)  # a star round the convener
    assert all(n.trust is None for n in network.nodes)  # nobody had three raters
    assert network.caption.startswith("Reported in the health check closed on")
