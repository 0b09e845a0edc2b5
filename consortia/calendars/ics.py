"""The feed as iCalendar text (RFC 5545), built with the `icalendar` library: one
VCALENDAR with a VEVENT per FeedEntry. Pure: no query, no request."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

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
    calendar.add_missing_timezones()  # a VTIMEZONE for each TZID used (RFC 5545 asks for one)
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
    """Days as dates; a moment in its named time zone when it has one (a meeting in
    Europe/London stays at 10:00 there across a change of clocks), else in UTC (a
    poll's closing time, as stored). Every client shows it in the viewer's zone."""
    if not isinstance(value, datetime):
        return value
    if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key not in ("UTC", "Etc/UTC"):
        return value
    return value.astimezone(UTC)
