"""What meetings put in a person's calendar feed (consortia/calendars/registry.py):
each scheduled meeting of their partnerships, under the same UID as its emailed
invitation, so a calendar holding both shows it once."""

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from consortia.accounts.models import User
from consortia.calendars.registry import FeedEntry, feed_source

from .ics import meeting_url
from .selectors import meetings_for_feed


@feed_source
def meetings(user: User) -> Iterator[FeedEntry]:
    """One entry per scheduled meeting, from its start to its end (one query)."""
    for meeting in meetings_for_feed(user):
        where = ", ".join(part for part in (meeting.place, meeting.video_url) if part)
        zone = ZoneInfo(meeting.time_zone)  # the feed writes the zone with its VTIMEZONE
        yield FeedEntry(
            uid=meeting.ical_uid.rsplit("@", 1)[0],
            summary=meeting.title,
            start=meeting.starts_at.astimezone(zone),
            end=meeting.ends_at.astimezone(zone),
            url=meeting_url(meeting),
            description=f"Times are in {meeting.time_zone} on the meeting's page.",
            location=where,
            partnership_name=meeting.partnership.name,
        )
