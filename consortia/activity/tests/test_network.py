"""The observed network: ties between partner organisations from what they did
together (co-attendance, replies, actions for another partner, bookings), over the
last six months."""

import pytest

from consortia.activity.selectors import behavioural_network
from consortia.activity.tests.logs import Log, new

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("joined_long_ago")]


def test_it_ties_partners_by_what_they_did_together(world):
    convener, core, observer = world.convener_org, world.core_org, world.observer_org
    log = Log(world)
    # Convener and core: a reply to the other's thread, and an action for the other.
    thread, action = new(), new()
    log.add(1, "partner_admin", "thread.started", thread)
    log.add(2, "convener_admin", "thread.replied", thread)
    log.add(3, "convener_admin", "action.created", action, owner_partner=world.core_partner.pk)
    # Core and observer: the observer booked the core partner's room.
    log.add(
        4,
        "observer",
        "booking.requested",
        new(),
        partner=world.observer_partner.pk,
        owner=world.core_partner.pk,
    )
    # Convener and observer met, with core absent: attending together ties them.
    log.add(
        5,
        "convener_admin",
        "meeting.attendance_recorded",
        new(),
        organisations_invited=[convener.pk, core.pk, observer.pk],
        organisations_present=[convener.pk, observer.pk],
    )
    log.signals()

    network = behavioural_network(partnership=world.partnership)

    assert [n.label for n in network.nodes] == ["Convener Org", "Core Org", "Observer Org"]
    weights = {frozenset((t.a, t.b)): t.weight for t in network.ties}
    key = {o: str(o.uuid) for o in (convener, core, observer)}
    assert weights == {
        frozenset((key[convener], key[core])): 2,
        frozenset((key[core], key[observer])): 1,
        frozenset((key[convener], key[observer])): 1,
    }
    assert network.density == 1.0
    assert network.centralisation == 0.0
    assert network.caption.startswith("Observed in activity")


def test_a_partnership_without_activity_has_its_partners_and_no_ties(world):
    network = behavioural_network(partnership=world.partnership)

    assert len(network.nodes) == 3 and network.ties == ()
    assert network.density == 0.0
