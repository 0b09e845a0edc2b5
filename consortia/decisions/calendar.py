"""What decisions put in a person's calendar feed (consortia/calendars/registry.py):
when each open poll of their partnerships closes."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import polls_closing_for_feed


@feed_source
def poll_closings(user: User) -> Iterator[FeedEntry]:
    """One entry at the moment each open poll closes (one query)."""
    for poll in polls_closing_for_feed(user):
        yield FeedEntry(
            uid=f"poll-{poll.uuid}-closes",
            summary=f"Poll closes: {poll.title}",
            start=poll.closes_at,
            url=reverse("decisions:detail", args=[poll.partnership.uuid, poll.uuid]),
            description=f"Votes in the {poll.partnership.name} poll are taken until this time.",
            partnership_name=poll.partnership.name,
        )
