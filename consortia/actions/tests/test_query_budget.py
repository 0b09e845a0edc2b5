"""The action list and "My actions" cost the same number of queries with 5 or 200
actions: each list is one query with its owners, organisations, groups and
partnerships joined."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.actions.selectors import my_actions
from consortia.core.factories import ActionFactory, MembershipFactory, partnership_with_partners
from consortia.core.testing import query_budget, text
from consortia.partnerships.rules import active_partners

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (shared by the permission checks
# and the page), the owner filter's people (partnership_people: memberships of the
# contributing partners, the active participants, then those users by name), then the
# actions with their owners, owning organisations and groups (one query).
# + the header's unread notifications count (notifications/context_processors.py, one query).
LIST = 10
# The session's user, the open actions I own with their partnerships, owners, owning
# organisations and groups (one query), those closed recently (one query).
# + the header's unread notifications count.
MINE = 4


def _actions(partnership, owner, n):
    partners = active_partners(partnership)
    today = timezone.localdate()
    for i in range(n):
        if i % 3 == 0:
            ActionFactory(
                partnership=partnership, owner_user=None, owner_partner=partners[(i // 3) % len(partners)]
            )
        else:
            due = today + datetime.timedelta(days=(i % 20) - 5) if i % 4 else None
            ActionFactory(partnership=partnership, owner_user=owner, due=due)
        if i % 5 == 0:
            ActionFactory(partnership=partnership, owner_user=owner, status="done", closed_at=timezone.now())


@pytest.mark.parametrize("n", [5, 200])
def test_the_action_list_costs_the_same_with_5_or_200_actions(client, n):
    partnership, convener_admin = partnership_with_partners(3)
    _actions(
        partnership, MembershipFactory(organisation=active_partners(partnership)[1].organisation).user, n
    )
    client.force_login(convener_admin)

    with query_budget(LIST):
        response = client.get(reverse("actions:list", args=[partnership.uuid]), {"status": "all"})

    assert response.status_code == 200
    assert text(response).count('class="govuk-link" href="/partnerships/') == n + (n + 4) // 5


@pytest.mark.parametrize("n", [5, 200])
def test_my_actions_costs_the_same_with_5_or_200_actions(client, n):
    partnership, convener_admin = partnership_with_partners(3)
    _actions(partnership, convener_admin, n)
    client.force_login(convener_admin)

    with query_budget(MINE):
        response = client.get(reverse("actions:mine"))

    assert response.status_code == 200
    # Every action the convener's admin owns, in person or through the convening organisation.
    mine = my_actions(convener_admin)
    shown = mine.open_count + len(mine.closed_recently)
    assert shown > n // 2
    assert text(response).count(f'href="/partnerships/{partnership.uuid}/actions/') == shown
