"""A thread ends in an action, in a real browser (issue 10's journey, actions part).

Ada, for the convener, adds an action from a thread and gives it to Grace's whole
organisation, due yesterday. Grace finds it under "My actions", overdue and saying so
in words, opens it and marks it done; Ada sees it among the partnership's done
actions. Every page either of them lands on is checked with axe; My actions also at
360 px wide.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consortia.core.factories import PASSWORD
from consortia.threads.services import thread_start

from .scenes import ADA_EMAIL, CORE, GRACE_EMAIL, PARTNERSHIP, expect_success, two_partners

pytestmark = pytest.mark.browser

THREAD = "Referrals from the surgeries"
ACTION = "Send the referral form to the surgeries"


def test_a_thread_ends_in_an_action_that_its_owner_finds_and_marks_done(new_visitor, audit, site):
    partnership, ada_user, _grace = two_partners()
    thread = thread_start(
        actor=ada_user, partnership=partnership, title=THREAD, body="Who sends the new form to the surgeries?"
    )
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    # 1. Ada adds an action from the thread, owned by Grace's organisation.
    ada = new_visitor("Ada")
    ada.sign_in(ADA_EMAIL, PASSWORD, lands_on="Hello, Ada Lovelace")
    ada.open(f"/partnerships/{partnership.uuid}/threads/{thread.uuid}/", heading=THREAD)
    page = ada.page
    ada.follow(page.get_by_role("link", name="Add an action from this thread"), heading="Add an action")
    expect(page.get_by_label("What is to be done")).to_have_value(THREAD)
    page.get_by_label("What is to be done").fill(ACTION)
    page.get_by_label("Owner").select_option(label=CORE)
    page.get_by_label("Due date").fill(yesterday)
    ada.follow(page.get_by_role("button", name="Add the action"), heading=ACTION)
    expect_success(page, "The action is added.")
    expect(page.get_by_role("main")).to_contain_text(THREAD)

    # 2. Grace finds it under My actions, overdue, and marks it done.
    grace = new_visitor("Grace")
    grace.sign_in(GRACE_EMAIL, PASSWORD, lands_on="Hello, Grace Hopper")
    page = grace.page
    grace.follow(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="My actions"),
        heading="My actions",
    )
    expect(page.get_by_role("heading", name="Overdue (1)")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(PARTNERSHIP)

    page.set_viewport_size({"width": 360, "height": 780})
    grace.open("/actions/", heading="My actions")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"My actions scrolls sideways at 360 px ({scroll_width} px wide)"
    page.set_viewport_size({"width": 1280, "height": 900})

    grace.follow(page.get_by_role("link", name=ACTION), heading=ACTION)
    expect(page.get_by_role("main")).to_contain_text("Overdue")
    grace.follow(page.get_by_role("button", name="Mark as done"), heading=ACTION)
    expect_success(page, "The action is done.")

    # 3. Ada sees it among the partnership's done actions.
    ada.open(f"/partnerships/{partnership.uuid}/actions/", heading="Actions")
    page = ada.page
    page.get_by_label("Status").select_option(label="Done")
    ada.follow(page.get_by_role("button", name="Show actions"), heading="Actions")
    expect(page.get_by_role("link", name=ACTION)).to_be_visible()

    audit.assert_clean()
