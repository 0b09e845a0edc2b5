"""A meeting scheduled and held, in a real browser (issue 10's journey, the meeting part).

Ada, for the convener, schedules the partnership's meeting from the form with the
default agenda, Grace sends her apologies from the meeting's page, and after the
meeting Ada records attendance, writes the minutes with two actions for Grace and
publishes them once the window for corrections has closed. Grace finds the actions
under My actions and the meeting in her calendar feed. Every page either lands on is
checked with axe; the meeting's page also at 360 px wide.
"""

from datetime import timedelta
from urllib.request import urlopen

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD
from consortia.meetings.models import Meeting

from .scenes import ADA_EMAIL, GRACE_EMAIL, expect_success, two_partners

pytestmark = pytest.mark.browser

TITLE = "Partnership meeting, spring"
ACTIONS = ["Print the referral form", "Brief the surgery receptionists"]


def test_a_meeting_is_scheduled_with_the_default_agenda_and_attendance_recorded(new_visitor, audit, site):
    partnership, _ada, _grace = two_partners()
    day = (timezone.now() + timedelta(days=14)).date()

    # 1. Ada schedules the meeting with the default agenda.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(f"/partnerships/{partnership.uuid}/meetings/", heading="Meetings")
    page = ada.page
    ada.follow(page.get_by_role("link", name="Schedule a meeting"), heading="Schedule a meeting")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Starts").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Ends").fill(f"{day.isoformat()}T12:00")
    page.get_by_label("Place").fill("The carers' centre, room 2")
    page.get_by_label("Email the invitations").uncheck()
    ada.follow(page.get_by_role("button", name="Schedule the meeting"), heading=TITLE)
    expect_success(page, "The meeting is scheduled.")
    main = page.get_by_role("main")
    for item in (
        "Progress on our outcomes",
        "Needs still uncovered",
        "Review of open actions",
        "Any other business",
    ):
        expect(main).to_contain_text(item)
    expect(main).to_contain_text("(Europe/London time)")
    meeting_url = page.url

    # 2. Grace sends her apologies.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    grace.open(meeting_url, heading=TITLE)
    grace.follow(grace.page.get_by_role("button", name="Send my apologies"), heading=TITLE)
    expect_success(grace.page, "Your apologies are sent.")

    # The meeting's page on a small phone: still accessible, nothing to scroll sideways.
    phone = grace.page
    phone.set_viewport_size({"width": 360, "height": 780})
    grace.open(meeting_url, heading=TITLE)
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the meeting page scrolls sideways at 360 px ({scroll_width} px wide)"

    # 3. The meeting takes place; Ada records who came.
    Meeting.objects.filter(title=TITLE).update(starts_at=timezone.now() - timedelta(minutes=30))
    ada.open(meeting_url, heading=TITLE)
    ada.follow(page.get_by_role("link", name="Record attendance"), heading="Record attendance")
    page.get_by_label("Ada Lovelace").select_option("attended")
    ada.follow(page.get_by_role("button", name="Save attendance"), heading=TITLE)
    expect(page.get_by_role("row", name="Northshire Carers Trust")).to_contain_text("Attended")

    # 4. Ada, taking the notes, writes the minutes and two actions for Grace.
    ada.follow(page.get_by_role("link", name="Write the minutes"), heading="Minutes")
    page.get_by_label("Minutes").fill("We agreed **one** referral form for every partner.")
    ada.follow(page.get_by_role("button", name="Save the minutes"), heading=TITLE)
    for action in ACTIONS:
        ada.follow(
            page.get_by_role("link", name="Add an action from the meeting"),
            heading="Add an action from the meeting",
        )
        page.get_by_label("What is to be done").fill(action)
        page.get_by_label("Owner").select_option(label="Grace Hopper")
        ada.follow(page.get_by_role("button", name="Add the action"), heading=TITLE)
        expect_success(page, "The action is added to the minutes.")

    # 5. Open for corrections; once the window has closed, Ada publishes them.
    page.get_by_label("Days open for corrections").fill("1")
    ada.follow(page.get_by_role("button", name="Open for corrections"), heading=TITLE)
    Meeting.objects.filter(title=TITLE).update(corrections_until=timezone.now() - timedelta(minutes=1))
    ada.open(meeting_url, heading=TITLE)
    ada.follow(page.get_by_role("button", name="Publish the minutes"), heading=TITLE)
    expect_success(page, "The minutes are published.")

    # 6. Grace finds both actions under My actions, and the meeting in her calendar feed.
    grace.open("/actions/", heading="My actions")
    for action in ACTIONS:
        expect(grace.page.get_by_role("main")).to_contain_text(action)
    grace.open("/accounts/calendar/", heading="Your calendar feed")
    grace.follow(grace.page.get_by_role("button", name="Make a link"), heading="Your calendar feed")
    url = grace.page.get_by_label("Calendar feed link").input_value()
    with urlopen(url, timeout=5) as response:  # as a calendar client would
        calendar = Calendar.from_ical(response.read())
    assert any(TITLE in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))

    audit.assert_clean()
