"""The expertise map costs the same number of queries with 10 or 500 items (people's
expertise, with endorsements, and organisations' topics), searched or not."""

import pytest
from django.urls import reverse

from consortia.accounts.models import User
from consortia.core.factories import MembershipFactory
from consortia.core.testing import query_budget, text
from consortia.expertise.models import Endorsement, PersonExpertise, Topic
from consortia.organisations.models import Expertise

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the page), the people's expertise with topics, people and endorsement counts,
# their memberships of the partner organisations, the active participants among them,
# the organisations' own topics, the
# expertise the viewer has endorsed, the viewer's own expertise.
# + the header's unread notifications count (notifications/context_processors.py, one query).
MAP = 12


def _items(world, n):
    """n people (members of the core partner), each with one topic, every other one
    endorsed by the convener's admin, and n organisation topics across the partners."""
    users = User.objects.bulk_create(
        User(email=f"expert{i}@example.org", name=f"Expert {i}") for i in range(n)
    )
    for user in users:
        MembershipFactory(organisation=world.core_org, user=user)
    topics = Topic.objects.bulk_create(Topic(name=f"Topic {i}", key=f"topic {i}") for i in range(n))
    rows = PersonExpertise.objects.bulk_create(
        PersonExpertise(partnership=world.partnership, user=u, topic=t, note="Knows it")
        for u, t in zip(users, topics, strict=True)
    )
    Endorsement.objects.bulk_create(
        Endorsement(expertise=e, endorser=world.users["convener_admin"], organisation=world.convener_org)
        for e in rows[::2]
    )
    orgs = [world.core_org, world.observer_org, world.convener_org]
    Expertise.objects.bulk_create(
        Expertise(organisation=orgs[i % 3], topic=f"Org topic {i}") for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 500])
@pytest.mark.parametrize("search", ["", "topic"])
def test_the_map_costs_the_same_with_10_or_500_items(world, client, n, search):
    _items(world, n)
    client.force_login(world.users["convener_admin"])

    with query_budget(MAP):
        response = client.get(reverse("expertise:map", args=[world.partnership.uuid]), {"q": search})

    assert response.status_code == 200
    assert f"Expert {n - 1}" in text(response) and f"Org topic {n - 1}" in text(response)
