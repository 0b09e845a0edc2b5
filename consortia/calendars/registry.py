"""What goes in a person's calendar feed: each app registers a source, so a new kind of
entry is a new `calendar.py` beside its app, not a change here ("adding rows, not code
paths", as the notifications table does).

A source is a function `source(user) -> Iterable[FeedEntry]` decorated with
`@feed_source`. CalendarsConfig.ready() imports every app's `calendar.py` (Django's
autodiscover_modules, as notifications does with `notifications.py`), which registers
its sources. Every source must:

- return only what comes from partnerships the person is *still* an active member of:
  filter on `member_partnerships(user)` below (a subquery, so no extra query), never
  on a list kept elsewhere. A person who leaves sees the entries go at the next fetch.
- cost a constant number of queries (one, usually), whatever the number of entries:
  select_related what `FeedEntry` reads. calendars/tests/test_feed.py holds the feed's
  query budget for every registered source.
- give each entry a `uid` that is stable across fetches and unique within the site
  (for example "poll-<uuid>-closes"); the feed adds "@<site host>".

Wiring another app is one short module. For meetings (the meetings app sits above
calendars, so it may import this module):

    # consortia/meetings/calendar.py
    from consortia.calendars.registry import FeedEntry, feed_source
    from .selectors import meetings_for_feed

    @feed_source
    def meetings(user: User) -> Iterable[FeedEntry]:
        for meeting in meetings_for_feed(user):  # one query, member partnerships only
            yield FeedEntry(uid=f"meeting-{meeting.uuid}", summary=meeting.title,
                            start=meeting.starts_at, end=meeting.ends_at, url=meeting_url(meeting),
                            location=meeting.place, partnership_name=meeting.partnership.name)

Action due dates are the same with `actions_due_for_feed(user)` and an all-day `start`
(a date). consortia/decisions/calendar.py and consortia/agreements/calendar.py are the
worked examples.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership
from consortia.partnerships.selectors import partnership_ids_for_user


@dataclass(frozen=True)
class FeedEntry:
    """One event in the feed. `start` is an aware datetime (a moment) or a date (an
    all-day entry); `end` likewise, or None for a moment or a single day. `url` may be
    a path on this site: the feed makes it absolute."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    url: str = ""
    description: str = ""
    location: str = ""
    partnership_name: str = ""


Source = Callable[[User], Iterable[FeedEntry]]

_SOURCES: dict[str, Source] = {}


def feed_source(func: Source) -> Source:
    """Register `func` as a source of feed entries (registering it again replaces it,
    so reloading a module does not double its entries)."""
    _SOURCES[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def feed_sources() -> list[Source]:
    """The registered sources, in a stable order (by module and name)."""
    return [_SOURCES[key] for key in sorted(_SOURCES)]


def member_partnerships(user: User) -> QuerySet[Partnership, int]:
    """The partnerships `user` is an active member of (through an organisation or in
    person), as a queryset to filter on: `partnership__in=member_partnerships(user)`
    runs as a subquery of the source's own query."""
    return partnership_ids_for_user(user)
