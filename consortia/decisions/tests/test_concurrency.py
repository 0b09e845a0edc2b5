"""One ballot per voter per poll, proved with real threads on real connections:
several tabs of the same voter (and of the same organisation's two representatives)
vote at the same moment, and the poll ends with exactly one ballot. The vote
service serialises on the poll's row (SELECT ... FOR UPDATE on PostgreSQL, the
IMMEDIATE transaction on SQLite); the unique constraints hold it regardless."""

import pytest

from consortia.accounts.models import User
from consortia.core.errors import Conflict
from consortia.core.factories import PollFactory, RepresentativeFactory
from consortia.core.models import Event
from consortia.core.testing import run_at_once
from consortia.decisions.models import Ballot, Poll
from consortia.decisions.services import vote_cast

pytestmark = pytest.mark.django_db(transaction=True)
TABS = 6
CHOICES = ["agree", "abstain", "disagree"]


def voting(poll_pk: int, user_pk: int, choice: str):
    """A tab that loads the poll and the voter afresh, as a request would."""

    def prepare():
        poll = Poll.objects.select_related("partnership").get(pk=poll_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: vote_cast(actor=user, poll=poll, choice=[choice])

    return prepare


def assert_one_ballot(results) -> None:
    assert all(isinstance(r, Ballot | Conflict) for r in results), results
    assert Ballot.objects.count() == 1
    assert Event.objects.filter(verb="vote.cast").count() == 1
    changes = Event.objects.filter(verb="vote.changed").count()
    assert changes <= TABS - 1


def test_many_tabs_of_one_voter_end_with_one_ballot(world):
    poll = PollFactory(partnership=world.partnership)
    voter = world.users["partner_member"]

    results = run_at_once(*[voting(poll.pk, voter.pk, CHOICES[i % 3]) for i in range(TABS)])

    assert_one_ballot(results)
    assert Ballot.objects.get().voter_user == voter


def test_two_representatives_of_one_organisation_voting_at_once_make_one_ballot(world):
    RepresentativeFactory(partner=world.core_partner, user=world.users["partner_member"])
    poll = PollFactory(partnership=world.partnership, basis="organisation")
    speakers = [world.users["partner_admin"].pk, world.users["partner_member"].pk]

    results = run_at_once(*[voting(poll.pk, speakers[i % 2], CHOICES[i % 3]) for i in range(TABS)])

    assert_one_ballot(results)
    assert Ballot.objects.get().voter_partner == world.core_partner
