"""Trust in anonymous polls: while open, a ballot is linked to its voter (so each
votes once and can change their vote); once closed, the database no longer links
any ballot to a voter, yet voters see that they voted and the counts stand."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PollFactory
from consortia.core.testing import text
from consortia.decisions.models import Ballot, SealedBallot, Voted
from consortia.decisions.selectors import poll_ballots, poll_options, poll_results
from consortia.decisions.services import poll_close, poll_close_due, poll_open, vote_cast

pytestmark = pytest.mark.django_db

VOTES = {
    "convener_admin": "agree",
    "partner_admin": "disagree",
    "partner_member": "agree",
    "participant": "abstain",
}


def voted_poll(world, *, anonymous: bool = True, **kwargs):
    poll = poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Share one phone line",
        electorate="everyone",
        anonymous=anonymous,
        closes_at=timezone.now() + timedelta(days=1),
        **kwargs,
    )
    for persona, choice in VOTES.items():
        vote_cast(actor=world.users[persona], poll=poll, choice=[choice], reason=f"Because {choice}")
    return poll


def counts(poll):
    return {r.option.key: r.count for r in poll_results(poll, poll_options(poll), poll_ballots(poll)).options}


def test_closing_an_anonymous_poll_unlinks_every_ballot_from_its_voter(world):
    poll = voted_poll(world)
    before = counts(poll)

    poll_close(actor=world.users["convener_admin"], poll=poll)

    assert not Ballot.objects.filter(poll=poll).exists()
    sealed = SealedBallot.objects.filter(poll=poll)
    assert Counter(s.choice[0] for s in sealed) == Counter(VOTES.values())
    # Nothing on a sealed ballot can point back to a person or a time.
    assert {f.name for f in SealedBallot._meta.get_fields()} == {"id", "poll", "choice", "reason"}
    assert {v.voter_user for v in Voted.objects.filter(poll=poll)} == {world.users[p] for p in VOTES}
    assert counts(poll) == before
    results = poll_results(poll, poll_options(poll), poll_ballots(poll))
    assert (results.ballots, results.orgs_taking_part, results.participants_voted) == (4, 2, 1)


def test_the_automatic_close_seals_an_anonymous_poll_too(world):
    poll = voted_poll(world)
    type(poll).objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))

    poll_close_due.enqueue()

    assert (Ballot.objects.count(), SealedBallot.objects.count()) == (0, 4)


def test_closing_an_open_vote_poll_keeps_who_voted_how(world):
    poll = voted_poll(world, anonymous=False)

    poll_close(actor=world.users["convener_admin"], poll=poll)

    assert Ballot.objects.filter(poll=poll).count() == 4
    assert not SealedBallot.objects.exists()


def test_a_voter_sees_they_voted_in_a_sealed_poll_but_not_how(world, client_for):
    poll = voted_poll(world)
    poll_close(actor=world.users["convener_admin"], poll=poll)

    page = text(
        client_for("partner_admin").get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]))
    )

    assert "You voted in this anonymous poll" in page
    assert "4 votes." in page
    assert "Because disagree" not in page


def test_an_organisations_vote_is_sealed_too(world):
    poll = PollFactory(partnership=world.partnership, anonymous=True, basis="organisation")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["disagree"])

    poll_close(actor=world.users["convener_admin"], poll=poll)

    assert list(Voted.objects.values_list("voter_partner", flat=True)) == [world.core_partner.pk]
    assert not Ballot.objects.exists()
    results = poll_results(poll, poll_options(poll), poll_ballots(poll))
    assert [(t.partner.organisation.name, t.voted) for t in results.turnout] == [
        ("Convener Org", 0),
        ("Core Org", 1),
    ]
