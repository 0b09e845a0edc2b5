"""The signals and network pages read stored values only: the same number of queries
with 100 events in the log or 5,000."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.activity.computation import signals_read
from consortia.activity.history import events_write, synthetic_events
from consortia.core.factories import RatingFactory, RoundFactory, health_round_closed
from consortia.core.testing import query_budget

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("locmem_cache", "joined_long_ago")]

# Both pages are cached whole (core/page_cache.py): their version stamp first, then
# the session's user, the partnership, the viewer's memberships, the active partners
# with their organisations, their representatives (the permission check; the page
# reuses the partners for their names), the stored months (signal_series), the cursor
# (when the signals were last brought up to date)
# + the header's unread notifications count (notifications/context_processors.py).
SIGNALS_PAGE = 9
# The stamp and the same five for the permission check (behavioural_network reuses the partners),
# the stored months' ties, the latest closed health check round (reported_network),
# + the header's unread notifications count.
NETWORK_PAGE = 9
# As NETWORK_PAGE, with a closed round: its ratings, with the partners they name
# (health.selectors.ratings_summary, one query).
NETWORK_PAGE_RATED = NETWORK_PAGE + 1


def _log(world, actors, n: int) -> None:
    end = timezone.now() - datetime.timedelta(minutes=5)
    events_write(
        synthetic_events(
            partnership_id=world.partnership.pk,
            actors=actors,
            count=n,
            start=end - datetime.timedelta(days=200),
            end=end,
            rng=random.Random(n),
        )
    )
    signals_read(world.partnership)


@pytest.mark.parametrize("n", [100, 5000])
def test_the_signals_page_costs_the_same_with_100_or_5000_events(world, actors, client_for, n):
    _log(world, actors, n)
    client = client_for("partner_member")

    with query_budget(SIGNALS_PAGE):
        page = client.get(reverse("activity:signals", args=[world.partnership.uuid]))

    assert page.status_code == 200
    assert "How is this measured?" in page.content.decode()


@pytest.mark.parametrize("n", [100, 5000])
def test_the_network_page_costs_the_same_with_100_or_5000_events(world, actors, client_for, n):
    _log(world, actors, n)
    client = client_for("partner_member")

    with query_budget(NETWORK_PAGE):
        page = client.get(reverse("activity:network", args=[world.partnership.uuid]))

    assert page.status_code == 200
    assert 'id="observed-network"' in page.content.decode()


@pytest.mark.parametrize("n", [100, 5000])
def test_the_network_page_with_a_closed_health_check_costs_the_same_with_100_or_5000_events(
    world, actors, client_for, n
):
    round = health_round_closed(RoundFactory(partnership=world.partnership))
    RatingFactory(round=round, rater=world.convener_partner, rated=world.core_partner)
    RatingFactory(round=round, rater=world.core_partner, rated=world.convener_partner)
    _log(world, actors, n)
    client = client_for("partner_member")

    with query_budget(NETWORK_PAGE_RATED):
        page = client.get(reverse("activity:network", args=[world.partnership.uuid]))

    assert page.status_code == 200
    assert 'id="observed-network"' in page.content.decode()
