"""Partners talk, meet and act, in a real browser (issue 10's journey).

Ada, for the convener, starts a thread that mentions Grace's whole organisation
(`@[Eastbridge Advice Centre]`). Grace, its representative, sees the unread count in
the header, finds the mention in her notifications and replies in the thread.
Every page either of them lands on is checked with axe; the thread page also at
360 px wide.
"""

import pytest
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD

from .scenes import ADA_EMAIL, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, two_partners

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("notifications_on")]

THREAD = "Referrals from the surgeries"
OPENING = f"Can @[{CORE}] take the Tuesday referrals from the surgeries?"
REPLY = "Yes: we will take them from next week, by the secure mailbox."


def test_partners_talk_in_a_thread_and_a_mentioned_partner_replies(new_visitor, audit, site):
    partnership, _ada, _grace = two_partners()
    partnership_url = f"/partnerships/{partnership.uuid}/"

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

    # The thread on a small phone: still accessible, nothing to scroll sideways.
    page.set_viewport_size({"width": 360, "height": 780})
    grace.open(page.url.split("#")[0], heading=THREAD)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the thread page scrolls sideways at 360 px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})

    audit.assert_clean()
