"""The feed as iCalendar text (RFC 5545), built with the `icalendar` library: one
VCALENDAR with a VEVENT per FeedEntry. Pure: no query, no request."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from icalendar import Calendar, Event

from .registry import FeedEntry

PRODID = "-//Consortia//Calendar feed//EN"
# How often a client should fetch again (clients that read these hints; Google and
# Outlook choose for themselves).
REFRESH = timedelta(hours=1)


def feed_calendar(entries: Iterable[FeedEntry], *, name: str, site_url: str, now: datetime) -> bytes:
    """The VCALENDAR of `entries`, called `name` in calendar clients. Paths become
    absolute URLs on `site_url`; each UID ends with the site's host, so it is unique
    beyond this site."""
    host = urlsplit(site_url).hostname or "consortia"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    stamp = now.astimezone(UTC)
    for entry in entries:
        calendar.add_component(_event(entry, host=host, site_url=site_url, stamp=stamp))
    body: bytes = calendar.to_ical()
    return body


def _event(entry: FeedEntry, *, host: str, site_url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{entry.uid}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", _when(entry.start))
    end = entry.end
    if end is None and not isinstance(entry.start, datetime):
        end = entry.start + timedelta(days=1)  # an all-day entry ends the next day (exclusive)
    if end is not None:
        event.add("dtend", _when(end))
    summary = f"{entry.summary} ({entry.partnership_name})" if entry.partnership_name else entry.summary
    event.add("summary", summary)
    url = urljoin(site_url, entry.url) if entry.url else ""
    if url:
        event.add("url", url)
    description = "\n\n".join(part for part in (entry.description, url) if part)
    if description:
        event.add("description", description)
    if entry.location:
        event.add("location", entry.location)
    return event


def _when(value: datetime | date) -> datetime | date:
    """Moments in UTC (every client converts to its own zone); days as dates."""
    return value.astimezone(UTC) if isinstance(value, datetime) else value
