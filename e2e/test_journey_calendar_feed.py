"""A calendar feed, in a real browser.

Ada finds her calendar feed page from her dashboard, makes a link and copies it from
the page (shown once), and a calendar client fetching it gets her partnership's poll
closing; on a 360 px phone the page does not scroll sideways. She stops the link and
the same URL then answers 404. axe checks every page.
"""

from datetime import timedelta
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD, PollFactory

from .scenes import ADA_EMAIL, PARTNERSHIP, expect_success, two_partners

pytestmark = pytest.mark.browser

FEED_PAGE = "Your calendar feed"
PHONE = {"width": 360, "height": 780}


def test_a_feed_link_is_made_fetched_by_a_calendar_and_stopped(new_visitor, audit, site):
    partnership, _, _ = two_partners()
    PollFactory(
        partnership=partnership, title="Move the drop-in", closes_at=timezone.now() + timedelta(days=3)
    )
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    page = ada.page

    ada.follow(page.get_by_role("link", name=FEED_PAGE), heading=FEED_PAGE)
    expect(page.get_by_text("You have no working link")).to_be_visible()
    ada.follow(page.get_by_role("button", name="Make a link"), heading=FEED_PAGE)
    expect_success(page, "Your new calendar feed link is ready")
    url = page.get_by_label("Calendar feed link").input_value()

    with urlopen(url, timeout=5) as response:  # as a calendar client would
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.read())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        f"Poll closes: Move the drop-in ({PARTNERSHIP})"
    ]

    page.set_viewport_size(PHONE)
    ada.open("/accounts/calendar/", heading=FEED_PAGE)
    expect(page.get_by_label("Calendar feed link")).to_have_count(0)  # shown once only
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the calendar feed page is {width} px wide"
    ada.follow(page.get_by_role("button", name="Stop the link"), heading=FEED_PAGE)
    expect_success(page, "Your calendar feed link has stopped working")

    with pytest.raises(HTTPError) as refused:
        urlopen(url, timeout=5)
    assert refused.value.code == 404
    audit.assert_clean()
