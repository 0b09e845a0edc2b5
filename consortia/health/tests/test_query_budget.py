"""A closed round's results page, the export and the open round's page cost the same
number of queries with a few or many answers and ratings: the answers are read in one
query and scored in one pass, the ratings in one query with their partners."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PartnerFactory, RatingFactory, RoundFactory, health_response
from consortia.core.testing import query_budget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks,
# the group labels and the network), the round; the number who answered; the two
# latest closed rounds (this one and the one before, for the trend); the answers of
# both (one query); the ratings with their partners and organisations.
# + the header's unread notifications count (notifications/context_processors.py, one query).
RESULTS = 11
# The same without the header, and the results are read twice (the factors with their
# organisation means, then the ratings): the closed rounds, the answers, the ratings.
EXPORT = 9
# The session's user, the partnership, the viewer's memberships, the active partners
# and their representatives, the round; how many answered, whether the viewer has.
# + the header's unread count.
OPEN = 9


def _fill(world, round, n):
    groups = [world.core_org, world.convener_org, world.observer_org, None]
    for i in range(n):
        health_response(round, groups[i % 4], 1 + i % 5)
    partners = [world.core_partner, world.convener_partner, world.observer_partner]
    partners += [PartnerFactory(partnership=world.partnership) for _ in range(n // 10)]
    for i, rater in enumerate(partners):
        for rated in partners[i + 1 :][:3]:
            RatingFactory(round=round, rater=rater, rated=rated)


@pytest.mark.parametrize("n", [3, 80])
def test_the_results_page_costs_the_same_with_few_or_many_answers(world, client, n):
    earlier = RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
    health_response(earlier, world.core_org, 2)
    round = RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
    _fill(world, round, n)
    client.force_login(world.users["partner_member"])
    url = reverse("health:round", args=[world.partnership.uuid, round.uuid])

    with query_budget(RESULTS):
        response = client.get(url)
    assert response.status_code == 200

    with query_budget(EXPORT):
        response = client.get(reverse("health:export", args=[world.partnership.uuid, round.uuid]))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [3, 80])
def test_the_open_rounds_page_costs_the_same_with_few_or_many_answers(world, client, n):
    round = RoundFactory(partnership=world.partnership)
    _fill(world, round, n)
    client.force_login(world.users["partner_member"])

    with query_budget(OPEN):
        response = client.get(reverse("health:round", args=[world.partnership.uuid, round.uuid]))
    assert response.status_code == 200


# The session's user, the partnership, the viewer's memberships, the active partners and
# their representatives, the rounds with how many answered each (one grouped query).
# + the header's unread count.
ROUNDS = 7


@pytest.mark.parametrize("n", [1, 30])
def test_the_rounds_page_costs_the_same_with_few_or_many_rounds(world, client, n):
    for _ in range(n):
        round = RoundFactory(partnership=world.partnership, status="closed", closed_at=timezone.now())
        health_response(round, world.core_org, 4)
    RoundFactory(partnership=world.partnership)
    client.force_login(world.users["convener_admin"])

    with query_budget(ROUNDS):
        response = client.get(reverse("health:rounds", args=[world.partnership.uuid]))
    assert response.status_code == 200
