"""Training courses in the calendar feed: each scheduled course of the person's
partnerships, from its start to its end; a cancelled course, or one of a partnership
the person has left, is not there."""

import pytest
from django.utils import timezone

from consortia.calendars.registry import feed_sources
from consortia.core.factories import CourseFactory, PartnershipFactory
from consortia.training.calendar import courses

pytestmark = pytest.mark.django_db


def test_it_registers_the_courses_as_a_feed_source():
    assert courses in feed_sources()


def test_it_puts_each_scheduled_course_of_my_partnerships_in_my_feed(world):
    mine = CourseFactory(partnership=world.partnership, partner=world.convener_partner, online=True)
    CourseFactory(partnership=world.partnership, partner=world.convener_partner, status="cancelled")
    CourseFactory(partnership=PartnershipFactory())

    entries = list(courses(world.users["partner_member"]))

    assert [e.uid for e in entries] == [f"course-{mine.uuid}"]
    entry = entries[0]
    assert (entry.start, entry.end) == (mine.starts_at, mine.ends_at)
    assert entry.summary == f"Training: {mine.title}"
    assert entry.location == f"{mine.location}, Online"
    assert entry.url.endswith(f"/training/{mine.uuid}/")


def test_a_partnership_left_takes_its_courses_out_of_the_feed(world):
    CourseFactory(partnership=world.partnership, partner=world.convener_partner)
    world.observer_partner.left_at = timezone.now()
    world.observer_partner.save()

    assert list(courses(world.users["observer"])) == []
