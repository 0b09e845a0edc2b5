"""The database holds the invariants the services keep, so a hand-written fix in a
shell cannot break them either."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.core.factories import CourseFactory, PlaceFactory, QuotaFactory

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_it_holds_one_active_place_per_person_and_course():
    place = PlaceFactory()

    refused(
        lambda: PlaceFactory(course=place.course, partner=place.partner, user=place.user, status="waiting")
    )
    # A cancelled place does not count: the person may book again.
    PlaceFactory(
        course=place.course,
        partner=place.partner,
        user=place.user,
        status="cancelled",
        cancelled_at=timezone.now(),
    )


def test_it_holds_a_course_to_positive_places_a_sane_time_and_an_early_release():
    start = timezone.now() + timedelta(days=3)
    refused(lambda: CourseFactory(places=0))
    refused(lambda: CourseFactory(starts_at=start, ends_at=start))
    refused(lambda: CourseFactory(starts_at=start, release_at=start))
    refused(lambda: CourseFactory(status="postponed"))


def test_it_holds_quotas_positive_and_one_per_partner():
    quota = QuotaFactory()

    refused(lambda: QuotaFactory(course=quota.course, places=0))
    refused(lambda: QuotaFactory(course=quota.course, partner=quota.partner))


def test_it_holds_a_recorded_attendance_to_when_it_was_recorded():
    refused(lambda: PlaceFactory(status="attended"))
    refused(lambda: PlaceFactory(status="cancelled"))
    refused(lambda: PlaceFactory(status="maybe"))


def test_deleting_a_partnership_takes_its_courses_and_places_with_it():
    place = PlaceFactory()
    QuotaFactory(course=place.course)

    place.course.partnership.delete()

    assert not type(place).objects.exists()
