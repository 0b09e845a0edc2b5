"""A poll's page costs the same number of queries with 5 or 200 voters: the
ballots are read in one query with their voters, turnout in two aggregate
queries, and everything else is computed in Python."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import (
    AgreementVersionFactory,
    BallotFactory,
    MembershipFactory,
    PollFactory,
    partnership_with_partners,
)
from consortia.core.testing import query_budget
from consortia.decisions.models import PartnerWeight, SealedBallot, Voted
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The page's version stamp (it is cached, core/page_cache.py; the session comes from
# the cache, here one in this process, so cache reads are not counted), the user, the partnership, the viewer's memberships, the active
# partners with their organisations and their representatives (shared by the
# permission checks and the page), then: the poll, the viewer's participant row
# (may they vote?), the options, the ballots with their voters, the organisation
# that proposed the poll (its poll.opened event, for the voice balance), then for turnout:
# ... and the header's unread notifications count (notifications/context_processors.py, one query).
PAGE = 12
# members per organisation, members who voted, participants, participants who voted
PER_PERSON = PAGE + 4
SEALED = PER_PERSON + 1  # + who voted (Voted), as the sealed ballots name nobody
PER_ORGANISATION = PAGE + 1  # participants (organisations' ballots come with the ballots)
WEIGHTED = PER_ORGANISATION + 1  # the poll's copied weights (its agreement version joins the poll)


def _url(poll) -> str:
    return reverse("decisions:detail", args=[poll.partnership.uuid, poll.uuid])


@pytest.mark.parametrize("anonymous", [False, True])
@pytest.mark.parametrize("voters", [5, 200])
def test_the_poll_page_costs_the_same_with_5_or_200_people_voting(client, voters, anonymous):
    partnership, convener_admin = partnership_with_partners(3)
    poll = PollFactory(
        partnership=partnership, electorate="everyone", anonymous=anonymous, created_by=convener_admin
    )
    partners = active_partners(partnership)
    for i in range(voters):
        member = MembershipFactory(organisation=partners[i % 3].organisation).user
        BallotFactory(poll=poll, voter_user=member, choice=[["agree", "abstain", "disagree"][i % 3]])

    client.force_login(convener_admin)

    with query_budget(PER_PERSON):
        response = client.get(_url(poll))

    assert response.status_code == 200


@pytest.mark.parametrize("voters", [5, 200])
def test_a_members_majority_poll_page_costs_the_same_with_5_or_200_members_voting(client, voters):
    # Each organisation's vote is worked out in Python from the ballots and the
    # voters' memberships, which turnout reads anyway: no query of its own.
    partnership, convener_admin = partnership_with_partners(3)
    poll = PollFactory(partnership=partnership, kind="consent", basis="members", electorate="everyone")
    partners = active_partners(partnership)
    for i in range(voters):
        member = MembershipFactory(organisation=partners[i % 3].organisation).user
        BallotFactory(poll=poll, voter_user=member, choice=[["consent", "objection"][i % 2]])

    client.force_login(convener_admin)

    with query_budget(PER_PERSON):
        response = client.get(_url(poll))

    assert response.status_code == 200


@pytest.mark.parametrize("organisations", [5, 60])
def test_the_poll_page_costs_the_same_with_5_or_60_organisations_voting(client, organisations):
    partnership, convener_admin = partnership_with_partners(organisations)
    poll = PollFactory(partnership=partnership, kind="consent", basis="organisation", electorate="everyone")
    for partner in active_partners(partnership):
        BallotFactory(poll=poll, voter_user=None, voter_partner=partner, choice=["consent"])

    client.force_login(convener_admin)

    with query_budget(PER_ORGANISATION):
        response = client.get(_url(poll))

    assert response.status_code == 200


@pytest.mark.parametrize("organisations", [5, 60])
def test_a_weighted_poll_page_costs_the_same_with_5_or_60_organisations_voting(client, organisations):
    partnership, convener_admin = partnership_with_partners(organisations)
    version = AgreementVersionFactory(
        partnership=partnership, status="published", published_at=timezone.now()
    )
    poll = PollFactory(
        partnership=partnership, kind="consent", basis="weighted", electorate="everyone", weights_from=version
    )
    for i, partner in enumerate(active_partners(partnership)):
        PartnerWeight.objects.create(poll=poll, partner=partner, weight=1 + i % 4)
        BallotFactory(poll=poll, voter_user=None, voter_partner=partner, choice=["consent"])

    client.force_login(convener_admin)

    with query_budget(WEIGHTED):
        response = client.get(_url(poll))

    assert response.status_code == 200


@pytest.mark.parametrize("voters", [5, 200])
def test_a_sealed_anonymous_poll_page_costs_the_same_with_5_or_200_voters(client, voters):
    partnership, convener_admin = partnership_with_partners(3)
    poll = PollFactory(
        partnership=partnership,
        electorate="everyone",
        anonymous=True,
        status="closed",
        closed_at=timezone.now(),
    )
    partners = active_partners(partnership)
    for i in range(voters):
        member = MembershipFactory(organisation=partners[i % 3].organisation).user
        Voted.objects.create(poll=poll, voter_user=member)
        SealedBallot.objects.create(poll=poll, choice=[["agree", "abstain", "disagree"][i % 3]])

    client.force_login(convener_admin)

    with query_budget(SEALED):
        response = client.get(_url(poll))

    assert response.status_code == 200


# The list page: the same six as the poll page's first, then open polls, closed
# polls waiting for an outcome, the log (each with its ballot count), and the voice
# balance's six (polls, proposals, organisations' and people's Voted, objections,
# the objectors' organisations).
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 6 + 3 + 6 + 1


@pytest.mark.parametrize("polls", [2, 30])
def test_the_decisions_page_costs_the_same_with_2_or_30_polls(client, polls):
    partnership, convener_admin = partnership_with_partners(3)
    for i in range(polls):
        poll = PollFactory(partnership=partnership, kind="consent", anonymous=bool(i % 2))
        BallotFactory(poll=poll, voter_user=convener_admin, choice=["objection"])
        Voted.objects.create(poll=poll, voter_user=convener_admin)
        if i % 3 == 0:
            poll.status, poll.closed_at, poll.outcome = "closed", timezone.now(), "Agreed" if i % 2 else ""
            poll.save()
    client.force_login(convener_admin)

    with query_budget(LIST):
        response = client.get(reverse("decisions:list", args=[partnership.uuid]))

    assert response.status_code == 200
