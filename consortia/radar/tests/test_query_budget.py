"""The radar page costs the same number of queries with 10 or 2,000 events in the
partnership: it reads the contract selectors (each a fixed number of queries over
stored results, never the event log) and, when a cause is raised, the next meeting
and the remedies already on its agenda."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import MeetingFactory
from consortia.core.models import Event
from consortia.core.testing import query_budget, text

from .fakes import demo_shaped, factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (the view permission),
# + the header's unread notifications count (notifications/context_processors.py).
# The contract selectors are stubs on this branch (no query); their own budgets are in
# their apps' tests, and the merge adds theirs here.
QUIET = 6
# As QUIET, then the next meeting and the remedies already on its agenda (whether the
# viewer may change the meeting reads the partners already loaded).
RAISED = QUIET + 2


def _events(world, n):
    Event.objects.bulk_create(
        Event(partnership=world.partnership, verb="thread.posted", object_repr=f"Post {i}") for i in range(n)
    )


@pytest.mark.parametrize("n", [10, 2000])
def test_the_page_costs_the_same_with_10_or_2000_events(world, client, n):
    _events(world, n)
    client.force_login(world.users["convener_admin"])

    with query_budget(QUIET):
        response = client.get(reverse("radar:radar", args=[world.partnership.uuid]))

    assert response.status_code == 200
    assert "Not enough data yet" in text(response)


@pytest.mark.parametrize("n", [10, 2000])
def test_the_page_with_remedies_costs_the_same_with_10_or_2000_events(world, client, radar_data, n):
    radar_data.signals = demo_shaped(timezone.localdate())
    radar_data.factors = [factor("trust", "borderline", label="Trust")]
    MeetingFactory(partnership=world.partnership)
    _events(world, n)
    client.force_login(world.users["convener_admin"])
    client.post(
        reverse("radar:remedy_add", args=[world.partnership.uuid]), {"remedy": "modest_aim", "cause": "trust"}
    )

    with query_budget(RAISED):
        response = client.get(reverse("radar:radar", args=[world.partnership.uuid]))

    page = text(response)
    assert response.status_code == 200
    assert "On the agenda" in page
    assert page.count('name="remedy"') == 12 - 3  # the modest aim answers three of the four causes
