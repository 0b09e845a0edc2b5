"""Attendance: the course's organisers record who attended and who was absent once it
has started; a recorded attendance is final; each place attended counts in the
ledger (see test_ledger.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import CourseFactory, PlaceFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.training import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    """Yesterday's course with three places booked by the core partner's people."""
    start = timezone.now() - timedelta(days=1)
    course = CourseFactory(
        partnership=world.partnership,
        partner=world.convener_partner,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    return course, [PlaceFactory(course=course, partner=world.core_partner) for _ in range(3)]


def test_it_records_attended_and_absent_in_one_event(world, held):
    course, places = held

    n = services.attendance_record(
        actor=world.users["convener_admin"],
        course=course,
        statuses={places[0].pk: "attended", places[1].pk: "attended", places[2].pk: "absent"},
    )

    assert n == 3
    event = Event.objects.get(verb="training.attendance_recorded")
    assert (event.payload["attended"], event.payload["absent"]) == (2, 1)
    places[0].refresh_from_db()
    assert places[0].attendance_recorded_by == world.users["convener_admin"]


def test_recording_the_same_again_changes_nothing_and_changing_it_is_refused(world, held):
    course, places = held
    admin = world.users["convener_admin"]
    services.attendance_record(actor=admin, course=course, statuses={places[0].pk: "attended"})
    before = snapshot()

    assert services.attendance_record(actor=admin, course=course, statuses={places[0].pk: "attended"}) == 0
    with pytest.raises(Conflict, match="already recorded as attended"):
        services.attendance_record(
            actor=admin, course=course, statuses={places[1].pk: "absent", places[0].pk: "absent"}
        )

    assert snapshot() == before


def test_it_refuses_attendance_before_the_start_or_for_a_place_not_on_the_course(world, held, course):
    other = PlaceFactory(partner=world.core_partner)
    admin = world.users["convener_admin"]
    before = snapshot()

    with pytest.raises(Conflict, match="once the course has started"):
        services.attendance_record(actor=admin, course=course, statuses={})
    with pytest.raises(ServiceError, match="only for people with a place"):
        services.attendance_record(actor=admin, course=held[0], statuses={other.pk: "attended"})
    with pytest.raises(ServiceError, match="attended or absent"):
        services.attendance_record(actor=admin, course=held[0], statuses={held[1][0].pk: "booked"})
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=world.users["partner_admin"], course=held[0], statuses={})

    assert snapshot() == before
