"""Quotas: before the release a partner with a quota holds at most its quota (booking
beyond it is refused with a 409, not waitlisted) and its unused quota places are kept
from the others; after the release they are open to everyone, and the hourly job (or
the next booking) moves the waiting list up into them, in order, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.core.errors import Conflict
from consortia.core.factories import QuotaFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.training import services
from consortia.training.models import Course, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def quota_course(world, course):
    """Four places; the core partner keeps two of them until the release, tomorrow."""
    course.places = 4
    course.release_at = timezone.now() + timedelta(days=1)
    course.save()
    QuotaFactory(course=course, partner=world.core_partner, places=2)
    return course


def release(course):
    Course.objects.filter(pk=course.pk).update(release_at=timezone.now() - timedelta(minutes=1))
    course.refresh_from_db()


def test_it_refuses_booking_beyond_a_partners_quota_before_the_release(world, quota_course, person):
    for _ in range(2):
        assert services.place_book(actor=person(world.core_partner), course=quota_course).status == "booked"
    before = snapshot()

    with pytest.raises(Conflict, match="Core Org has booked all 2 of its places on this course") as refused:
        services.place_book(actor=world.users["partner_member"], course=quota_course)

    assert refused.value.status_code == 409
    assert "open to everyone on" in refused.value.message
    assert snapshot() == before


def test_it_keeps_a_partners_unused_quota_places_from_the_others(world, quota_course, person):
    others = [
        services.place_book(actor=person(world.observer_partner), course=quota_course) for _ in range(3)
    ]

    assert [p.status for p in others] == ["booked", "booked", "waiting"]
    # The core partner's people still find their two places.
    assert services.place_book(actor=world.users["partner_member"], course=quota_course).status == "booked"


def test_after_the_release_the_quota_no_longer_applies(world, quota_course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=quota_course)
    release(quota_course)

    assert services.place_book(actor=world.users["partner_member"], course=quota_course).status == "booked"


def test_the_release_job_gives_the_released_places_to_the_waiting_list_in_order_once(
    world, quota_course, person
):
    booked = [
        services.place_book(actor=person(world.observer_partner), course=quota_course) for _ in range(2)
    ]
    waiting = [
        services.place_book(actor=person(world.observer_partner), course=quota_course) for _ in range(3)
    ]
    assert {p.status for p in booked} == {"booked"} and {p.status for p in waiting} == {"waiting"}
    release(quota_course)

    assert services.course_places_release.call() == 2
    assert services.course_places_release.call() == 0

    statuses = dict(Place.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in waiting] == ["booked", "booked", "waiting"]
    event = Event.objects.get(verb="training.places_released")
    assert event.actor is None
    assert event.payload["promoted"] == [waiting[0].user_id, waiting[1].user_id]


def test_a_booking_after_the_release_moves_the_waiting_list_up_first(world, quota_course, person):
    for _ in range(2):
        services.place_book(actor=person(world.observer_partner), course=quota_course)
    first = services.place_book(actor=person(world.observer_partner), course=quota_course)
    release(quota_course)

    late = services.place_book(actor=world.users["partner_member"], course=quota_course)

    first.refresh_from_db()
    assert first.status == "booked"  # the person waiting goes first...
    assert late.status == "booked"  # ...and the last released place is the newcomer's
    assert services.place_book(actor=world.users["partner_admin"], course=quota_course).status == "waiting"


def test_a_place_freed_within_a_quota_waits_for_that_partner_until_the_release(world, quota_course, person):
    mine = services.place_book(actor=world.users["partner_member"], course=quota_course)
    for _ in range(3):
        services.place_book(actor=person(world.observer_partner), course=quota_course)
    waiting = Place.objects.get(status="waiting")

    services.place_cancel(actor=world.users["partner_member"], place=mine)

    waiting.refresh_from_db()
    assert waiting.status == "waiting"  # the freed place is the core partner's until the release
    assert services.place_book(actor=world.users["partner_admin"], course=quota_course).status == "booked"


def test_it_refuses_a_quota_below_what_the_partner_holds(world, quota_course, person):
    for _ in range(2):
        services.place_book(actor=person(world.core_partner), course=quota_course)
    before = snapshot()

    with pytest.raises(Conflict, match="already holds 2 places"):
        services.course_update(
            actor=world.users["convener_admin"],
            course=quota_course,
            title=quota_course.title,
            location=quota_course.location,
            starts_at=quota_course.starts_at,
            ends_at=quota_course.ends_at,
            places=4,
            release_at=quota_course.release_at,
            quotas={world.core_partner: 1},
        )

    assert snapshot() == before
