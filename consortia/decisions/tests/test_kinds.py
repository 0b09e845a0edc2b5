"""The poll kinds beyond proposals and simple polls: sense check, gradients of
agreement, dot vote, ranked choice (instant-runoff and Schulze, with the pairwise
table) and time polls. Each validates its ballots (400, nothing written) and is
counted by the engine (consortia/decisions/counting.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.errors import ServiceError
from consortia.core.factories import BallotFactory, PollFactory
from consortia.core.testing import error_summary, snapshot, text
from consortia.decisions.models import Ballot
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.decisions.services import poll_open, vote_cast

pytestmark = pytest.mark.django_db


def opened(world, kind: str, **kwargs):
    return poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind=kind,
        title="Choose",
        closes_at=timezone.now() + timedelta(days=1),
        **kwargs,
    )


def results(poll):
    return poll_results(poll, poll_options(poll), poll_ballots(poll))


def refused(world, poll, choice, reason: str = "") -> ServiceError:
    before = snapshot()
    with pytest.raises(ServiceError) as error:
        vote_cast(actor=world.users["partner_member"], poll=poll, choice=choice, reason=reason)
    assert error.value.status_code == 400
    assert snapshot() == before
    return error.value


def test_a_sense_check_has_its_three_answers(world):
    poll = opened(world, "sense_check")
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["concerned"])

    assert {r.option.label: r.count for r in results(poll).options} == {
        "Looks good": 0,
        "Abstain": 0,
        "Concerned": 1,
    }


def test_gradients_of_agreement_have_eight_steps_and_a_block_needs_a_reason(world):
    poll = opened(world, "gradients")

    assert poll.options.count() == 8
    assert "a block needs a reason" in refused(world, poll, ["block"]).message
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["reservations"])


def test_a_dot_vote_adds_up_dots_and_refuses_more_than_allowed(world):
    poll = opened(world, "dot_vote", options=["Minibus", "Hall", "Training"], dots=5)

    assert refused(world, poll, {"o1": 4, "o2": 2}).message == "You have 5 dots to place; you placed 6"
    refused(world, poll, {"o1": -1, "o2": 2})
    refused(world, poll, {"o1": 0})
    refused(world, poll, {"o9": 1})
    vote_cast(actor=world.users["partner_member"], poll=poll, choice={"o1": 3, "o3": 2})
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice={"o3": 5})

    assert Ballot.objects.get(voter_user=world.users["partner_member"]).choice == {"o1": 3, "o2": 0, "o3": 2}
    counted = results(poll)
    assert [(r.option.label, r.total) for r in counted.options] == [
        ("Minibus", 3),
        ("Hall", 0),
        ("Training", 7),
    ]
    assert [o.label for o in counted.leading] == ["Training"]


def test_a_time_poll_needs_an_answer_for_every_time(world):
    poll = opened(world, "time_poll", options=["Monday 10:00", "Tuesday 14:00"])

    refused(world, poll, {"o1": "yes"})
    refused(world, poll, {"o1": "yes", "o2": "perhaps"})
    vote_cast(actor=world.users["partner_member"], poll=poll, choice={"o1": "maybe", "o2": "yes"})
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice={"o1": "yes", "o2": "no"})
    vote_cast(actor=world.users["convener_admin"], poll=poll, choice={"o1": "no", "o2": "yes"})

    counted = results(poll)
    assert [(r.option.label, r.count, r.maybe, r.no) for r in counted.options] == [
        ("Monday 10:00", 1, 1, 1),
        ("Tuesday 14:00", 2, 0, 1),
    ]
    assert [o.label for o in counted.leading] == ["Tuesday 14:00"]  # yes counts 2, maybe 1: 4 to 3


def test_a_ranked_ballot_cannot_rank_an_option_twice_or_an_unknown_one(world):
    poll = opened(world, "ranked", options=["A", "B", "C"])

    assert refused(world, poll, ["o1", "o1"]).message == "Give each option a different rank"
    refused(world, poll, ["o1", "o9"])
    refused(world, poll, [])
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["o3", "o1"])
    assert Ballot.objects.get().choice == ["o3", "o1"]


TENNESSEE = [
    (42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
    (26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
    (15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
    (17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
]


def tennessee(world):
    cities = ["Memphis", "Nashville", "Chattanooga", "Knoxville"]
    poll = PollFactory(partnership=world.partnership, kind="ranked", option_labels=cities)
    key = {city: f"o{i}" for i, city in enumerate(cities, 1)}
    for count, ranking in TENNESSEE:
        for _ in range(count):
            BallotFactory(poll=poll, choice=[key[c] for c in ranking])
    return poll


def test_ranked_choice_shows_instant_runoff_rounds_and_the_schulze_winner(world):
    """The public Tennessee example: plurality picks Memphis, instant-runoff
    Knoxville, and the Condorcet (Schulze) winner is Nashville."""
    counted = results(tennessee(world))

    assert {r.option.label: r.count for r in counted.options}["Memphis"] == 42  # first preferences
    assert [o.label for o in counted.leading] == ["Knoxville"]
    assert [r.eliminated.label for r in counted.runoff if r.eliminated] == ["Chattanooga", "Nashville"]
    assert [o.label for o in counted.condorcet] == ["Nashville"]
    nashville = next(row for row in counted.pairwise if row.option.label == "Nashville")
    assert [(b.label, votes, wins) for b, votes, wins in nashville.cells] == [
        ("Memphis", 58, True),
        ("Nashville", None, False),
        ("Chattanooga", 68, True),
        ("Knoxville", 68, True),
    ]


def test_the_ranked_page_shows_the_rounds_and_the_pairwise_table(world, client_for):
    poll = tennessee(world)

    page = text(
        client_for("observer").get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]))
    )

    assert "Instant-runoff rounds" in page
    assert "Chattanooga eliminated" in page
    assert "Schulze winner: <strong>Nashville</strong>" in page


def test_ranking_in_the_form_orders_the_ballot_and_refuses_duplicate_ranks(world, client_for):
    poll = opened(world, "ranked", options=["A", "B", "C"])
    client = client_for("partner_member")
    vote = reverse("decisions:vote", args=[world.partnership.uuid, poll.uuid])
    before = snapshot()

    response = client.post(vote, {"rank_o1": "1", "rank_o2": "1", "rank_o3": ""})

    assert response.status_code == 400
    assert "Give each option a different rank" in error_summary(response)
    assert snapshot() == before
    assert client.post(vote, {"rank_o1": "2", "rank_o2": "", "rank_o3": "1"}).status_code == 302
    assert Ballot.objects.get().choice == ["o3", "o1"]


def test_a_dot_vote_form_refuses_too_many_dots(world, client_for):
    poll = opened(world, "dot_vote", options=["A", "B"], dots=3)
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(
        reverse("decisions:vote", args=[world.partnership.uuid, poll.uuid]), {"dots_o1": "3", "dots_o2": "1"}
    )

    assert response.status_code == 400
    assert "You have 3 dots to place; you placed 4" in error_summary(response)
    assert snapshot() == before
