"""What agreements put in a person's calendar feed (consortia/calendars/registry.py):
the review date of the agreement in force of each of their partnerships, all day."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import agreement_reviews_for_feed


@feed_source
def agreement_reviews(user: User) -> Iterator[FeedEntry]:
    """One all-day entry on each agreement in force's review date (one query)."""
    for version in agreement_reviews_for_feed(user):
        if version.review_date is None:  # the selector keeps only those with one
            continue
        yield FeedEntry(
            uid=f"agreement-{version.uuid}-review",
            summary="Agreement review",
            start=version.review_date,
            url=reverse("agreements:detail", args=[version.partnership.uuid]),
            description=(
                f"The date {version.partnership.name}'s partnership agreement (version "
                f"{version.number}) set for reviewing it."
            ),
            partnership_name=version.partnership.name,
        )
