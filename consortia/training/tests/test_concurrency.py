"""The last training place taken twice at once, proved with real threads on real
connections: the course row is locked (select_for_update; SQLite's IMMEDIATE
transaction), so one person gets the place and the other joins the waiting list, and
the course is never over its places. The same with a freed place and a booking racing."""

import pytest

from consortia.accounts.models import User
from consortia.core.factories import CourseFactory, MembershipFactory
from consortia.core.testing import run_at_once
from consortia.training import services
from consortia.training.models import Course, Place

pytestmark = pytest.mark.django_db(transaction=True)


def booking(course_pk: int, user_pk: int):
    def prepare():
        course = Course.objects.select_related("partnership", "partner").get(pk=course_pk)
        user = User.objects.get(pk=user_pk)
        return lambda: services.place_book(actor=user, course=course)

    return prepare


def test_the_last_place_taken_twice_at_once_gives_one_place_and_one_wait(world):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    one, two = (MembershipFactory(organisation=world.core_org).user for _ in range(2))

    results = run_at_once(booking(course.pk, one.pk), booking(course.pk, two.pk))

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(p.status for p in results) == ["booked", "waiting"]
    assert Place.objects.filter(course=course, status="booked").count() == 1


def test_a_crowd_for_three_places_never_overfills_the_course(world):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=3)
    people = [MembershipFactory(organisation=world.core_org).user for _ in range(5)]

    results = run_at_once(*(booking(course.pk, user.pk) for user in people))

    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Place.objects.filter(course=course, status="booked").count() == 3
    assert Place.objects.filter(course=course, status="waiting").count() == 2


def test_a_place_freed_while_a_newcomer_books_goes_to_the_person_waiting(world):
    course = CourseFactory(partnership=world.partnership, partner=world.convener_partner, places=1)
    holder, waiting, newcomer = (MembershipFactory(organisation=world.core_org).user for _ in range(3))
    held = services.place_book(actor=holder, course=course)
    first = services.place_book(actor=waiting, course=course)

    def cancelling():
        place = Place.objects.select_related("course__partnership", "course__partner").get(pk=held.pk)
        user = User.objects.get(pk=holder.pk)
        return lambda: services.place_cancel(actor=user, place=place)

    results = run_at_once(cancelling, booking(course.pk, newcomer.pk))

    assert not [r for r in results if isinstance(r, BaseException)], results
    statuses = dict(Place.objects.filter(course=course).values_list("user_id", "status"))
    # Whichever ran first, nobody jumped the list: the person waiting has the place.
    assert statuses == {holder.pk: "cancelled", waiting.pk: "booked", newcomer.pk: "waiting"}
    assert first.status == "waiting"
