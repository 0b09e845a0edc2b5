"""Partners talk, meet and act, in a real browser (issue 10's journey).

Ada, for the convener, starts a thread that mentions Grace's whole organisation
(`@[Eastbridge Advice Centre]`). Grace, its representative, sees the unread count in
the header, finds the mention in her notifications and replies in the thread. Ada
then schedules the partnership's meeting with the default agenda; Grace sends her
apologies from the meeting's page; after the meeting Ada records attendance, writes
the minutes with two actions for Grace and publishes them once the window for
corrections has closed. Grace finds the actions under My actions and the meeting in
her calendar feed. Every page either lands on is checked with axe; the meeting's
page also at 360 px wide.
"""

from datetime import timedelta
from urllib.request import urlopen

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD
from consortia.meetings.models import Meeting

from .scenes import ADA_EMAIL, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, two_partners

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("notifications_on")]

THREAD = "Referrals from the surgeries"
OPENING = f"Can @[{CORE}] take the Tuesday referrals from the surgeries?"
REPLY = "Yes: we will take them from next week, by the secure mailbox."
TITLE = "Partnership meeting, spring"
ACTIONS = ["Print the referral form", "Brief the surgery receptionists"]


def test_partners_talk_in_a_thread_then_meet_and_leave_with_actions_in_their_calendars(
    new_visitor, audit, site
):
    partnership, _ada, _grace = two_partners()
    partnership_url = f"/partnerships/{partnership.uuid}/"
    day = (timezone.now() + timedelta(days=14)).date()

    # 1. Ada starts a thread that mentions Grace's organisation.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(partnership_url, heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Threads"), heading="Threads")
    ada.follow(page.get_by_role("link", name="Start a thread"), heading="Start a thread")
    page.get_by_label("Title").fill(THREAD)
    page.get_by_label("Message").fill(OPENING)
    ada.follow(page.get_by_role("button", name="Start the thread"), heading=THREAD)
    expect_success(page, "Your thread has started.")
    expect(page.get_by_role("main")).to_contain_text(f"Can @{CORE} take the Tuesday referrals")

    # 2. Grace, its representative, sees the mention in her notifications.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    page = grace.page
    expect(page.get_by_test_id("notifications-link")).to_contain_text("1 unread")
    grace.follow(page.get_by_test_id("notifications-link"), heading="Notifications")
    mention = page.get_by_test_id("notifications").get_by_role("listitem").first
    expect(mention).to_contain_text("You were mentioned")
    expect(mention).to_contain_text("Ada Lovelace")

    # 3. She follows it to the thread and replies.
    grace.follow(mention.get_by_role("link", name=THREAD), heading=THREAD)
    page.get_by_label("Your reply").fill(REPLY)
    grace.follow(page.get_by_role("button", name="Post the reply"), heading=THREAD)
    expect_success(page, "Your reply is posted.")
    expect(page.get_by_role("main")).to_contain_text(REPLY)

    # 4. Ada schedules the partnership's meeting with the default agenda.
    ada.open(partnership_url, heading=PARTNERSHIP)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Meetings", exact=True), heading="Meetings")
    ada.follow(page.get_by_role("link", name="Schedule a meeting"), heading="Schedule a meeting")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Starts").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Ends").fill(f"{day.isoformat()}T12:00")
    page.get_by_label("Place").fill("The carers' centre, room 2")
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
    # Grace's invitation came by email, with the meeting as an iCalendar request.
    invitation = next(m for m in mail.outbox if GRACE_EMAIL in m.to and TITLE in m.subject)
    sent = invitation.message().as_string()
    assert "Content-Type: text/calendar" in sent and "METHOD:REQUEST" in sent

    # 5. Grace sends her apologies.
    grace.open(meeting_url, heading=TITLE)
    grace.follow(grace.page.get_by_role("button", name="Send my apologies"), heading=TITLE)
    expect_success(grace.page, "Your apologies are sent.")

    # The meeting's page on a small phone: still accessible, nothing to scroll sideways.
    phone = grace.page
    phone.set_viewport_size({"width": 360, "height": 780})
    grace.open(meeting_url, heading=TITLE)
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the meeting page scrolls sideways at 360 px ({scroll_width} px wide)"

    # 6. The meeting takes place; Ada records who came.
    Meeting.objects.filter(title=TITLE).update(starts_at=timezone.now() - timedelta(minutes=30))
    ada.open(meeting_url, heading=TITLE)
    ada.follow(page.get_by_role("link", name="Record attendance"), heading="Record attendance")
    page.get_by_label("Ada Lovelace").select_option("attended")
    ada.follow(page.get_by_role("button", name="Save attendance"), heading=TITLE)
    expect(page.get_by_role("row", name="Northshire Carers Trust")).to_contain_text("Attended")

    # 7. Ada, taking the notes, writes the minutes and two actions for Grace.
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

    # 8. Open for corrections; once the window has closed, Ada publishes them.
    page.get_by_label("Days open for corrections").fill("1")
    ada.follow(page.get_by_role("button", name="Open for corrections"), heading=TITLE)
    Meeting.objects.filter(title=TITLE).update(corrections_until=timezone.now() - timedelta(minutes=1))
    ada.open(meeting_url, heading=TITLE)
    ada.follow(page.get_by_role("button", name="Publish the minutes"), heading=TITLE)
    expect_success(page, "The minutes are published.")

    # 9. Grace finds both actions under My actions, and the meeting in her calendar feed.
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
