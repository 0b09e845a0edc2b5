"""What the learning log puts in a person's calendar feed (consortia/calendars/registry.py):
the due date of each open lesson whose change they own, in the partnerships they are in now."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import lessons_due_for_feed


@feed_source
def lesson_dues(user: User) -> Iterator[FeedEntry]:
    """One all-day entry on each open lesson's due date (one query)."""
    for lesson in lessons_due_for_feed(user):
        assert lesson.due is not None  # the selector keeps only dated lessons
        yield FeedEntry(
            uid=f"lesson-{lesson.uuid}-due",
            summary=f"Lesson to act on: {lesson.title}",
            start=lesson.due,
            url=reverse("learning:detail", args=[lesson.partnership.uuid, lesson.uuid]),
            description=f"You own the change. A lesson of {lesson.partnership.name}.",
            partnership_name=lesson.partnership.name,
        )
