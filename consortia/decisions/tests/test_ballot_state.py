"""selectors.poll_ballot_state_for_user: which of a poll's ballots are the viewer's,
whether they voted, and whom they may vote for."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.decisions.selectors import (
    poll_ballot_state_for_user,
    poll_ballots,
    poll_vote_partners,
    poll_voters,
)
from consortia.decisions.services import poll_close, poll_open, vote_cast

pytestmark = pytest.mark.django_db


def opened(world, **kwargs):
    return poll_open(
        actor=world.users["convener_admin"],
        partnership=world.partnership,
        kind="proposal",
        title="Move the drop-in",
        closes_at=timezone.now() + timedelta(days=1),
        **kwargs,
    )


def state(world, persona, poll):
    ballots = poll_ballots(poll)
    return poll_ballot_state_for_user(world.users[persona], poll, ballots, poll_voters(poll, ballots))


def test_it_finds_the_voters_own_ballot_to_change(world):
    poll = opened(world)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["disagree"])

    mine = state(world, "partner_member", poll)

    assert mine.may_vote and mine.i_voted and mine.partners == []
    assert [b.choice for b in mine.mine] == [["agree"]]
    assert mine.ballot_to_change == mine.mine[0]


def test_an_organisations_ballot_is_its_speakers_and_not_its_other_members(world):
    poll = opened(world, basis="organisation")
    vote_cast(actor=world.users["partner_admin"], poll=poll, choice=["agree"])

    admin = state(world, "partner_admin", poll)
    member = state(world, "partner_member", poll)

    assert admin.partners == [world.core_partner] == poll_vote_partners(world.users["partner_admin"], poll)
    assert admin.i_voted and [b.voter_partner for b in admin.mine] == [world.core_partner]
    assert not member.may_vote and not member.i_voted and member.mine == []


def test_after_an_anonymous_poll_closes_a_voter_still_voted_but_has_no_ballot(world):
    poll = opened(world, anonymous=True)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])
    poll_close(actor=world.users["convener_admin"], poll=poll)

    mine = state(world, "partner_member", poll)

    assert mine.i_voted and mine.mine == [] and mine.ballot_to_change is None


def test_an_observer_may_not_vote_and_has_no_ballot(world):
    poll = opened(world)
    vote_cast(actor=world.users["partner_member"], poll=poll, choice=["agree"])

    observer = state(world, "observer", poll)

    assert not observer.may_vote and not observer.i_voted and observer.mine == []
