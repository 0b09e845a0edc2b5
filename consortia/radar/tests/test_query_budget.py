"""The radar page costs the same number of queries with 10 or 2,000 events in the
partnership: it reads the contract selectors (each a fixed number of queries over
stored results, never the event log) and, when a cause is raised, the next meeting
and the remedies already on its agenda."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.activity.services import signals_recompute
from consortia.core.factories import (
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    OutcomeFactory,
    RoundFactory,
    health_response,
    health_round_closed,
)
from consortia.core.models import Event
from consortia.core.testing import query_budget, text

from .fakes import demo_shaped, factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache")]

# The page's version stamp (it is cached whole, core/page_cache.py), the session's user, the partnership, the viewer's memberships, the active partners
# with their organisations and their representatives (the view permission),
# + the latest closed health check round (none here: no scores to read),
# + the months of activity signals (one query over the stored periods),
# + the canvas's outcomes (none here: no indicators or measurements to read),
# + the header's unread notifications count (notifications/context_processors.py).
QUIET = 10
# As QUIET, then the next meeting and the remedies already on its agenda (whether the
# viewer may change the meeting reads the partners already loaded). The contract
# selectors are replaced by `radar_data` here: the test below counts their real cost.
# The page shows the "added" banner, so it is not cached: no stamp either.
RAISED = QUIET - 1 - 3 + 2
# Every source real and full: QUIET, with the round before the latest (for the trend)
# and every answer of both in one query (health: factor_scores_latest), the outcomes'
# indicators and their measurements (progress: outcome_progress), and the next meeting
# with the remedies on its agenda (a cause is raised: trust sits at 3.0, borderline).
FULL = QUIET + 2 + 2 + 2


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


def _full(world, n):
    """A closed health check answered by three people of two partners, two outcomes
    with measured indicators, a meeting ahead, and `n` events read into the signals."""
    round = RoundFactory(partnership=world.partnership)
    for organisation in (world.convener_org, world.core_org, world.core_org):
        health_response(round, organisation, value=3)
    health_round_closed(round)
    for _ in range(2 if n < 100 else 6):
        indicator = IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
        MeasurementFactory.create_batch(2 if n < 100 else 12, indicator=indicator)
    MeetingFactory(partnership=world.partnership)
    _events(world, n)
    signals_recompute.call(world.partnership.pk)


@pytest.mark.parametrize("n", [10, 2000])
def test_the_page_over_every_real_source_costs_the_same_with_10_or_2000_events(world, client, n):
    _full(world, n)
    client.force_login(world.users["convener_admin"])

    with query_budget(FULL):
        response = client.get(reverse("radar:radar", args=[world.partnership.uuid]))

    assert response.status_code == 200


def test_a_second_visit_at_the_same_stamp_is_the_cached_page(world, client, same_minute):
    _full(world, 10)
    client.force_login(world.users["convener_admin"])
    url = reverse("radar:radar", args=[world.partnership.uuid])
    first = client.get(url)

    # The version stamp and the session's user; nothing of the radar is read again.
    with query_budget(2):
        second = client.get(url)

    assert second.status_code == 200
    # The same page, but for its CSRF token (masked afresh for each request).
    assert len(second.content) == len(first.content)
    assert "Health radar" in text(second) and "Trust" in text(second)
