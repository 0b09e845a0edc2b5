"""The exchanges list and an exchange's page cost the same number of queries with 2
or 100 exchanges (people, reflections): both organisations come with each exchange in
one query."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import ExchangeFactory, ExchangeParticipantFactory, ReflectionFactory
from consortia.core.testing import query_budget, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission check
# and the page), the exchanges with their hosts, senders and organisations (one query).
# + the header's unread notifications count.
LIST = 7
# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives, the exchange with its host and
# sender, the people on it with their organisations, the reflections with their
# authors, whether the viewer is on it (for the reflection button).
# + the header's unread notifications count.
PAGE = 10


@pytest.mark.parametrize("n", [2, 100])
def test_the_exchanges_list_costs_the_same_with_2_or_100_exchanges(world, client, n):
    for i in range(n):
        host, sender = (
            (world.convener_partner, world.core_partner)
            if i % 2
            else (world.core_partner, world.observer_partner)
        )
        ExchangeFactory(
            partnership=world.partnership,
            host=host,
            sender=sender,
            status="cancelled" if i % 3 == 0 else "proposed",
            cancelled_at=timezone.now() if i % 3 == 0 else None,
        )
    client.force_login(world.users["partner_member"])

    with query_budget(LIST):
        response = client.get(reverse("exchanges:list", args=[world.partnership.uuid]))

    assert response.status_code == 200
    assert text(response).count("Job shadowing:") == n


@pytest.mark.parametrize("n", [2, 100])
def test_an_exchange_page_costs_the_same_with_2_or_100_people_and_reflections(world, client, n, exchange):
    now = timezone.now()
    exchange.host_agreed_at = exchange.sender_agreed_at = exchange.completed_at = now
    exchange.status = "completed"
    exchange.save()
    for _ in range(n):
        person = ExchangeParticipantFactory(exchange=exchange)
        ReflectionFactory(exchange=exchange, author=person.user)
    client.force_login(world.users["partner_member"])

    with query_budget(PAGE):
        response = client.get(reverse("exchanges:detail", args=[world.partnership.uuid, exchange.uuid]))

    assert response.status_code == 200
    assert text(response).count("What surprised me") == n
