"""The signals page and the network page."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.activity import views
from consortia.activity.computation import signals_read
from consortia.activity.history import events_write, synthetic_events
from consortia.activity.selectors import SIGNAL_KEYS
from consortia.health.network import Network, Node, Tie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("joined_long_ago")]


@pytest.fixture
def computed(world, actors) -> None:
    end = timezone.now() - datetime.timedelta(minutes=5)
    events_write(
        synthetic_events(
            partnership_id=world.partnership.pk,
            actors=actors,
            count=800,
            start=end - datetime.timedelta(days=120),
            end=end,
            rng=random.Random(3),
        )
    )
    signals_read(world.partnership)


def test_it_says_when_nothing_has_been_counted_yet(world, client_for):
    page = client_for("observer").get(reverse("activity:signals", args=[world.partnership.uuid]))

    assert page.status_code == 200
    assert "No activity has been counted yet" in page.content.decode()


@pytest.mark.usefixtures("computed")
def test_it_shows_every_signal_with_its_months_and_how_it_is_measured(world, client_for):
    page = client_for("participant").get(reverse("activity:signals", args=[world.partnership.uuid]))

    html = page.content.decode()
    assert html.count("How is this measured?") == 15
    assert "Action closure ratio, month by month" in html
    assert "Time to first reply" in html
    assert (
        html.count('<th scope="row" class="govuk-table__header">' + timezone.localdate().strftime("%B %Y"))
        == 15
    )
    # Per-partner attendance and contributions name the partners.
    assert "Share of meetings attended" in html
    assert "Delivered to date" in html
    assert "Core Org" in html


@pytest.mark.usefixtures("computed")
def test_it_puts_every_signal_at_a_glance_first_linking_to_its_months(world, client_for):
    page = client_for("partner_member").get(reverse("activity:signals", args=[world.partnership.uuid]))

    html = page.content.decode()
    glance = html[html.index('id="signals-at-a-glance"') : html.index("</table>")]
    for key in SIGNAL_KEYS:
        assert f'href="#signal-{key}"' in glance
        assert f'id="signal-{key}"' in html
    assert "This month so far" in glance and "Last month" in glance


def test_it_shows_no_reported_network_before_a_health_check_closes(world, client_for):
    page = client_for("partner_member").get(reverse("activity:network", args=[world.partnership.uuid]))

    html = page.content.decode()
    assert "No health check has closed yet" in html
    assert 'id="observed-network"' in html
    assert "Observer Org" in html


@pytest.mark.usefixtures("computed")
def test_it_draws_the_reported_network_beside_the_observed_one(world, client_for, monkeypatch):
    a, b = str(world.convener_org.uuid), str(world.core_org.uuid)
    reported = Network(
        nodes=(Node(a, "Convener Org", 3.5, 3.0), Node(b, "Core Org", 2.5, 3.0)),
        ties=(Tie(a, b),),
        caption="Reported in the health check of May 2027",
    )
    monkeypatch.setattr(views, "reported_network", lambda *, partnership: reported)

    html = (
        client_for("convener_admin")
        .get(reverse("activity:network", args=[world.partnership.uuid]))
        .content.decode()
    )

    assert 'id="reported-network"' in html
    assert "Reported in the health check of May 2027" in html
    assert "Observed in activity" in html
    assert "No health check has closed yet" not in html
