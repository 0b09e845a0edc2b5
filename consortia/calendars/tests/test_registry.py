"""The registry: an app adds entries to everyone's feed by registering a source, and
the feed turns entries of every shape (a moment in UTC or in a named zone, an all-day
entry, with or without an end) into valid iCalendar."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from consortia.calendars import registry
from consortia.calendars.ics import feed_calendar
from consortia.calendars.registry import FeedEntry, feed_source, feed_sources
from consortia.core.factories import CalendarFeedFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def parse(entries) -> list:
    body = feed_calendar(entries, name="Test", site_url="https://consortia.example/", now=NOW)
    return Calendar.from_ical(body).walk("VEVENT")


def test_the_apps_calendar_modules_register_their_sources_at_start_up():
    names = {f"{s.__module__}.{s.__name__}" for s in feed_sources()}

    assert names >= {
        "consortia.decisions.calendar.poll_closings",
        "consortia.agreements.calendar.agreement_reviews",
    }


def test_a_registered_source_puts_its_entries_in_the_feed(world, client, monkeypatch):
    monkeypatch.setattr(registry, "_SOURCES", dict(registry._SOURCES))
    CalendarFeedFactory(user=world.users["partner_member"], token="token-for-the-registry-test-0123456789abc")

    @feed_source
    def meetings(user):
        yield FeedEntry(
            uid="meeting-1",
            summary="Partnership meeting",
            start=datetime(2027, 6, 1, 10, 0, tzinfo=LONDON),
            end=datetime(2027, 6, 1, 12, 0, tzinfo=LONDON),
            location="Riverside Library",
            url="/partnerships/",
            partnership_name=f"for {user.display_name}",
        )

    response = client.get(reverse("calendars:feed", args=["token-for-the-registry-test-0123456789abc"]))

    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Partnership meeting (for Max Member)"
    assert str(event["LOCATION"]) == "Riverside Library"


def test_a_moment_in_a_named_zone_keeps_its_zone_with_a_vtimezone():
    start = datetime(2027, 6, 1, 10, 0, tzinfo=LONDON)  # British Summer Time: 09:00 UTC
    body = feed_calendar(
        [FeedEntry(uid="m", summary="Meeting", start=start)], name="T", site_url="https://c.example", now=NOW
    )
    calendar = Calendar.from_ical(body)

    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTSTART").astimezone(UTC).hour == 9
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_moment_without_a_named_zone_is_given_in_utc():
    [event] = parse(
        [FeedEntry(uid="p", summary="Poll closes", start=datetime(2027, 1, 1, 17, 0, tzinfo=UTC))]
    )

    assert b"DTSTART:20270101T170000Z" in event.to_ical()
    assert "DTEND" not in event  # a moment, not a span


def test_an_all_day_entry_runs_to_the_next_day_or_to_its_end():
    one, three = parse(
        [
            FeedEntry(uid="a", summary="Review", start=date(2027, 3, 1)),
            FeedEntry(uid="b", summary="Away day", start=date(2027, 4, 1), end=date(2027, 4, 4)),
        ]
    )

    assert (one.decoded("DTSTART"), one.decoded("DTEND")) == (date(2027, 3, 1), date(2027, 3, 2))
    assert (three.decoded("DTSTART"), three.decoded("DTEND")) == (date(2027, 4, 1), date(2027, 4, 4))


def test_paths_become_absolute_urls_and_uids_carry_the_sites_host():
    [event] = parse(
        [FeedEntry(uid="x-1", summary="S", start=date(2027, 1, 1), url="/a/b/", description="Why")]
    )

    assert str(event["UID"]) == "x-1@consortia.example"
    assert str(event["URL"]) == "https://consortia.example/a/b/"
    assert str(event["DESCRIPTION"]) == "Why\n\nhttps://consortia.example/a/b/"


@pytest.mark.parametrize("hostile", ["Line\r\nBEGIN:VEVENT\r\nSUMMARY:Injected", "A;B,C\\D"])
def test_text_that_looks_like_icalendar_stays_text(hostile):
    [event] = parse([FeedEntry(uid="h", summary=hostile, start=date(2027, 1, 1), description=hostile)])

    # One event still (no line break starts another), its text as given (line ends as \n).
    assert str(event["SUMMARY"]) == hostile.replace("\r\n", "\n")
    assert str(event["DESCRIPTION"]) == hostile.replace("\r\n", "\n")
