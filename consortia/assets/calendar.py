"""What shared assets put in a person's calendar feed (consortia/calendars/registry.py):
each approved booking of the partnerships they are in now, from a month ago on, from
its start to its end, in the partnership's time zone."""

from collections.abc import Iterator

from django.urls import reverse

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .selectors import bookings_for_feed
from .weeks import ZONE


@feed_source
def asset_bookings(user: User) -> Iterator[FeedEntry]:
    """One entry per approved booking (one query)."""
    for booking in bookings_for_feed(user):
        asset = booking.asset
        yield FeedEntry(
            uid=f"booking-{booking.uuid}",
            summary=f"{asset.name}: booked by {booking.partner.organisation.name}",
            start=booking.start.astimezone(ZONE),
            end=booking.end.astimezone(ZONE),
            url=reverse("assets:booking", args=[booking.partnership.uuid, booking.uuid]),
            description=booking.purpose,
            location=asset.location,
            partnership_name=booking.partnership.name,
        )
