"""What training puts in a person's calendar feed (consortia/calendars/registry.py):
each scheduled course of the partnerships they are in now, from its start to its end."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import courses_for_feed


@feed_source
def courses(user: User) -> Iterator[FeedEntry]:
    """One entry per scheduled course (one query)."""
    for course in courses_for_feed(user):
        where = ", ".join(part for part in (course.location, "Online" if course.online else "") if part)
        yield FeedEntry(
            uid=f"course-{course.uuid}",
            summary=f"Training: {course.title}",
            start=course.starts_at,
            end=course.ends_at,
            url=reverse("training:detail", args=[course.partnership.uuid, course.uuid]),
            description=f"A course offered by {course.partner.organisation} to {course.partnership.name}.",
            location=where,
            partnership_name=course.partnership.name,
        )
