"""Attendance into the contributions ledger: each place attended is one in-kind entry
for the OFFERING partner, at the rate card's value of a training place on the
course's day, written by the system in the same transaction and once per place; and
`training_places_used` gives that value by the ATTENDEE's partner."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from consortia.contributions.models import Entry
from consortia.contributions.services import entry_reverse
from consortia.core.errors import ServiceError
from consortia.core.factories import CourseFactory, PlaceFactory, RateFactory
from consortia.core.testing import snapshot
from consortia.training import services
from consortia.training.selectors import training_places_used

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    """Yesterday's course by the convener: two core partner places, one observer place;
    a training place is worth £85 (from 2020), and £90 from the day after the course."""
    start = timezone.now() - timedelta(days=1)
    course = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    rate = dict(partnership=world.partnership, category="training", unit="places")
    RateFactory(**rate, rate_gbp=Decimal("85.00"), valid_from=date(2020, 1, 1))
    RateFactory(**rate, rate_gbp=Decimal("90.00"), valid_from=timezone.localdate(start) + timedelta(days=1))
    places = [PlaceFactory(course=course, partner=world.core_partner) for _ in range(2)]
    places.append(PlaceFactory(course=course, partner=world.observer_partner))
    return course, places


def test_each_place_attended_is_one_in_kind_entry_for_the_offering_partner(world, held):
    course, places = held

    services.attendance_record(
        actor=world.users["convener_admin"],
        course=course,
        statuses={places[0].pk: "attended", places[1].pk: "absent", places[2].pk: "attended"},
    )

    entries = Entry.objects.order_by("pk")
    assert [e.source_key for e in entries] == [
        f"training.place:{places[0].pk}",
        f"training.place:{places[2].pk}",
    ]
    entry = entries[0]
    assert entry.partner == world.convener_partner
    assert (entry.category, entry.unit, entry.quantity) == ("training", "places", Decimal(1))
    assert entry.kind == "in_kind"
    assert entry.on == timezone.localdate(course.starts_at)
    assert (entry.rate_gbp, entry.value_gbp) == (Decimal("85.00"), Decimal("85.00"))  # the rate on the day


def test_the_value_used_is_counted_for_the_attendees_partners(world, held):
    course, places = held
    services.attendance_record(
        actor=world.users["convener_admin"],
        course=course,
        statuses={p.pk: "attended" for p in places},
    )

    assert training_places_used(world.partnership) == {
        world.core_partner.pk: Decimal("170.00"),
        world.observer_partner.pk: Decimal("85.00"),
    }


def test_a_reversed_entry_no_longer_counts_as_used(world, held):
    course, places = held
    services.attendance_record(
        actor=world.users["convener_admin"], course=course, statuses={places[2].pk: "attended"}
    )

    entry_reverse(
        actor=world.users["convener_admin"], entry=Entry.objects.get(), reason="Left after ten minutes"
    )

    assert training_places_used(world.partnership) == {world.observer_partner.pk: Decimal("0.00")}


def test_a_refused_attendance_writes_no_entry(world, held):
    course, places = held
    before = snapshot()

    with pytest.raises(ServiceError):
        services.attendance_record(
            actor=world.users["convener_admin"],
            course=course,
            statuses={places[0].pk: "attended", -1: "attended"},
        )

    assert snapshot() == before


def test_nothing_is_used_in_a_partnership_without_attendance(world):
    assert training_places_used(world.partnership) == {}
